using System.IO.Compression;

namespace Airadcr.Dicom.Network.Storage;

/// <summary>Inflates a Deflated Explicit VR Little Endian data set from one stream into another, chunk by chunk (memory
/// does not grow with the inflated size), within <see cref="DataSetLimits"/>.</summary>
internal static class DataSetInflater
{
    private const int ChunkLength = 64 * 1024;

    /// <summary>Returns the inflated length. Corrupt deflate data: <see cref="DicomFormatException"/>; past the limits:
    /// <see cref="DataSetTooLargeException"/> or the <see cref="IOException"/> of <see cref="DataSetLimits.EnsureSpace"/>.</summary>
    public static async Task<long> InflateAsync(Stream compressed, Stream output, DataSetLimits limits, CancellationToken cancellationToken)
    {
        await using var inflater = new DeflateStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        var chunk = new byte[ChunkLength];
        long written = 0, room = 0;
        try
        {
            int n;
            while ((n = await inflater.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (written + n > limits.MaxLength)
                {
                    throw new DataSetTooLargeException(limits.MaxLength);
                }

                if (written + n > room && limits.EnsureSpace is { } ensureSpace)
                {
                    ensureSpace(limits.SpaceCheckInterval);
                    room = written + limits.SpaceCheckInterval;
                }

                await output.WriteAsync(chunk.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                written += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw new DicomFormatException($"deflated data set is corrupt: {e.Message}", written, e);
        }

        return written;
    }
}
