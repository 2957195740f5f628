using System.Buffers;
using System.Buffers.Binary;

namespace Airadcr.Dicom.Imaging;

/// <summary>RLE Lossless (PS3.5 annex G): one frame to little-endian, interleaved samples.</summary>
public static class RleDecoder
{
    /// <summary>The longest run: a replicate run is 2 bytes of a segment for up to 128 bytes decoded.</summary>
    private const int MaxRunLength = 128;

    public static byte[] DecodeFrame(ReadOnlySpan<byte> frame, DicomImageInfo info) => Decode(frame, info, default, allocate: true)!;

    /// <summary>One frame into <paramref name="output"/> (rows x columns x samples x bytes per sample).</summary>
    public static void DecodeFrame(ReadOnlySpan<byte> frame, DicomImageInfo info, Span<byte> output) =>
        Decode(frame, info, output, allocate: false);

    /// <summary>Checks the frame, then decodes it into <paramref name="output"/> or, when <paramref name="allocate"/>,
    /// into a new array (allocated only once the segments are known to fill it), through one pooled segment buffer.</summary>
    private static byte[]? Decode(ReadOnlySpan<byte> frame, DicomImageInfo info, Span<byte> output, bool allocate)
    {
        if (frame.Length < 64)
        {
            throw new DicomFormatException($"RLE frame of {frame.Length} bytes has no 64-byte header", 0);
        }

        var segments = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        var bytesPerSample = info.BytesPerSample;
        var expected = info.SamplesPerPixel * bytesPerSample;
        if (segments != expected)
        {
            throw new DicomFormatException($"RLE frame has {segments} segments, expected {expected}", 0);
        }

        var bounds = SegmentBounds(frame, expected, (long)info.Rows * info.Columns);
        var pixels = info.Rows * info.Columns;
        var allocated = allocate ? new byte[(long)pixels * expected] : null;
        if (allocated is not null)
        {
            output = allocated;
        }
        else if (output.Length != (long)pixels * expected)
        {
            throw new ArgumentException($"an RLE frame of {(long)pixels * expected} bytes does not fit {output.Length}", nameof(output));
        }

        if (expected == 1)
        {
            DecodeSegment(frame[bounds[0]], output, 0);
            return allocated;
        }

        var rented = ArrayPool<byte>.Shared.Rent(pixels);
        try
        {
            var segment = rented.AsSpan(0, pixels);
            for (var s = 0; s < expected; s++)
            {
                DecodeSegment(frame[bounds[s]], segment, s);

                // Segment order: sample by sample, most significant byte first.
                var sample = s / bytesPerSample;
                var byteInSample = bytesPerSample - 1 - s % bytesPerSample;
                for (int p = 0, o = sample * bytesPerSample + byteInSample; p < pixels; p++, o += expected)
                {
                    output[o] = segment[p];
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return allocated;
    }

    /// <summary>Each segment's bytes, checked before anything is allocated: inside the frame, and enough of them to
    /// decode to one byte per pixel (a 40000 x 40000 frame is not taken from a few bytes).</summary>
    private static Range[] SegmentBounds(ReadOnlySpan<byte> frame, int count, long pixels)
    {
        var bounds = new Range[count];
        for (var s = 0; s < count; s++)
        {
            var start = BinaryPrimitives.ReadUInt32LittleEndian(frame[(4 + s * 4)..]);
            var end = s + 1 < count ? BinaryPrimitives.ReadUInt32LittleEndian(frame[(8 + s * 4)..]) : (uint)frame.Length;
            if (start < 64 || start > end || end > frame.Length)
            {
                throw new DicomFormatException($"RLE segment {s} offsets {start}..{end} are outside the frame of {frame.Length} bytes", 4 + s * 4);
            }

            if ((end - start + 1L) / 2 * MaxRunLength < pixels)
            {
                throw new DicomFormatException($"RLE segment {s} of {end - start} bytes cannot decode to the {pixels} bytes of its frame", 4 + s * 4);
            }

            bounds[s] = (int)start..(int)end;
        }

        return bounds;
    }

    private static void DecodeSegment(ReadOnlySpan<byte> input, Span<byte> output, int index)
    {
        int i = 0, o = 0;
        while (i < input.Length && o < output.Length)
        {
            var n = (sbyte)input[i++];
            if (n >= 0)
            {
                var count = Math.Min(n + 1, Math.Min(input.Length - i, output.Length - o));
                input.Slice(i, count).CopyTo(output[o..]);
                i += n + 1;
                o += count;
            }
            else if (n != -128 && i < input.Length)
            {
                var count = Math.Min(1 - n, output.Length - o);
                output.Slice(o, count).Fill(input[i++]);
                o += count;
            }
        }

        if (o < output.Length)
        {
            throw new DicomFormatException($"RLE segment {index} decodes to {o} bytes, expected {output.Length}", 0);
        }
    }
}
