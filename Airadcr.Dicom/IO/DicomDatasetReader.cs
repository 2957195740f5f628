using System.Buffers;
using System.IO.Compression;

namespace Airadcr.Dicom.IO;

/// <summary>Reads a bare dataset (no preamble, no meta group) in a given transfer syntax: the entry point for
/// network layers (P-DATA fragments, command sets) and for files without meta information.</summary>
public static class DicomDatasetReader
{
    /// <summary>Parses <paramref name="data"/>; values are views into it, so keep it alive and unchanged.</summary>
    public static DicomDataset Read(ReadOnlyMemory<byte> data, DicomTransferSyntax syntax, DicomReadOptions? options = null)
    {
        options ??= DicomReadOptions.Default;
        if (syntax.IsDeflated)
        {
            data = Inflate(data, options.MaxInflatedLength, 0);
        }

        var dataset = new DicomDataset();
        new DicomParser(data, syntax, options).ParseTopLevel(dataset);
        return dataset;
    }

    /// <summary>Parses a possibly multi-segment sequence (copied once into one buffer when it has several segments).</summary>
    public static DicomDataset Read(ReadOnlySequence<byte> data, DicomTransferSyntax syntax, DicomReadOptions? options = null) =>
        Read(data.IsSingleSegment ? data.First : data.ToArray(), syntax, options);

    /// <summary>Reads the rest of <paramref name="stream"/> and parses it.</summary>
    public static async Task<DicomDataset> ReadAsync(
        Stream stream, DicomTransferSyntax syntax, DicomReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), syntax, options);
    }

    /// <summary>Guesses the encoding of a dataset without meta information from its first element.</summary>
    public static DicomTransferSyntax Detect(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8)
        {
            return DicomTransferSyntax.ImplicitVRLittleEndian;
        }

        var explicitVR = DicomVRInfo.IsKnown((ushort)(data[4] << 8 | data[5]));
        var groupLe = data[0] | data[1] << 8;
        var groupBe = data[0] << 8 | data[1];
        if (explicitVR && groupBe < groupLe)
        {
            return DicomTransferSyntax.ExplicitVRBigEndian;
        }

        return explicitVR ? DicomTransferSyntax.ExplicitVRLittleEndian : DicomTransferSyntax.ImplicitVRLittleEndian;
    }

    internal static ReadOnlyMemory<byte> Inflate(ReadOnlyMemory<byte> compressed, long maxLength, long baseOffset)
    {
        using var input = new ReadOnlyMemoryStream(compressed);
        using var inflater = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int n;
            while ((n = inflater.Read(chunk)) > 0)
            {
                if (output.Length + n > maxLength)
                {
                    throw new DicomFormatException($"deflated dataset inflates beyond {maxLength} bytes", baseOffset);
                }

                output.Write(chunk, 0, n);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DicomFormatException($"deflated dataset is corrupt: {ex.Message}", baseOffset, ex);
        }

        return output.GetBuffer().AsMemory(0, (int)output.Length);
    }
}
