using System.IO.Compression;

namespace Airadcr.Dicom.IO;

/// <summary>
/// A deflated Part 10 body inflated for parsing. Up to <see cref="SpillLength"/> it stays in an array; a longer one is
/// inflated, as a stream, into a temporary file that is memory-mapped and unlinked at once (Unix), so that neither the
/// managed heap nor a growing buffer holds the inflated size (it used to peak at twice it). Windows keeps it in memory.
/// </summary>
internal static class InflatedBody
{
    private const int SpillLength = 4 << 20;

    /// <summary>The inflated body and, when it is a mapping, what must be disposed with the values.</summary>
    public static (ReadOnlyMemory<byte> Body, IDisposable? Owner) Inflate(ReadOnlyMemory<byte> compressed, long maxLength, long baseOffset)
    {
        if (OperatingSystem.IsWindows())
        {
            return (DicomDatasetReader.Inflate(compressed, maxLength, baseOffset), null);
        }

        using var inflater = new DeflateStream(new ReadOnlyMemoryStream(compressed), CompressionMode.Decompress);
        var buffer = new byte[SpillLength];
        var filled = Fill(inflater, buffer, 0, maxLength, baseOffset);
        if (filled < buffer.Length)
        {
            return (buffer.AsMemory(0, filled), null);
        }

        var path = Path.Combine(Path.GetTempPath(), $"airadcr-inflated-{Guid.NewGuid():N}.tmp");
        try
        {
            long length = 0;
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            {
                for (; filled > 0; filled = Fill(inflater, buffer, length, maxLength, baseOffset))
                {
                    file.Write(buffer, 0, filled);
                    length += filled;
                }
            }

            var mapped = new MappedFileMemory(path, length);
            return (mapped.Memory, mapped);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Fills <paramref name="buffer"/> as far as the stream goes; past <paramref name="maxLength"/> in all, or
    /// corrupt: <see cref="DicomFormatException"/>.</summary>
    private static int Fill(DeflateStream inflater, byte[] buffer, long before, long maxLength, long baseOffset)
    {
        var filled = 0;
        try
        {
            int n;
            while (filled < buffer.Length && (n = inflater.Read(buffer, filled, buffer.Length - filled)) > 0)
            {
                filled += n;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DicomFormatException($"deflated dataset is corrupt: {ex.Message}", baseOffset, ex);
        }

        return before + filled > maxLength
            ? throw new DicomFormatException($"deflated dataset inflates beyond {maxLength} bytes", baseOffset)
            : filled;
    }
}
