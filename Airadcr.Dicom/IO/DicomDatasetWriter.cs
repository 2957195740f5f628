using System.Buffers;
using System.IO.Compression;

namespace Airadcr.Dicom.IO;

/// <summary>Writes a bare dataset (no preamble, no meta group) in a transfer syntax: the entry point for network
/// layers and for Part 10 bodies.</summary>
public static class DicomDatasetWriter
{
    /// <summary>Writes to a buffer writer (deflated syntaxes are compressed as a whole).</summary>
    public static void Write(IBufferWriter<byte> output, DicomDataset dataset, DicomTransferSyntax syntax)
    {
        if (!syntax.IsDeflated)
        {
            new DicomEncoder(output, syntax).WriteDataset(dataset);
            return;
        }

        var plain = new ArrayBufferWriter<byte>();
        new DicomEncoder(plain, syntax).WriteDataset(dataset);
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(plain.WrittenSpan);
        }

        output.Write(compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
    }

    /// <summary>Writes to a stream through a pooled buffer.</summary>
    public static void Write(Stream stream, DicomDataset dataset, DicomTransferSyntax syntax)
    {
        using var writer = new StreamBufferWriter(stream);
        Write(writer, dataset, syntax);
        writer.Flush();
    }

    /// <summary>Encodes, then writes to <paramref name="stream"/> asynchronously.</summary>
    public static async Task WriteAsync(Stream stream, DicomDataset dataset, DicomTransferSyntax syntax, CancellationToken cancellationToken = default)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, dataset, syntax);
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Encodes to a new array.</summary>
    public static byte[] ToArray(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, dataset, syntax);
        return buffer.WrittenSpan.ToArray();
    }
}
