using System.Buffers.Binary;

namespace Airadcr.Dicom.Imaging.Codecs;

/// <summary>RLE Lossless (PS3.5 annex G): decoding by <see cref="RleDecoder"/>; encoding as annex G.3 describes: one
/// segment per byte of each sample (most significant first), each row PackBits-coded on its own, segments padded to an
/// even length. RLE is a byte-run scheme of the standard's own, not an entropy coder.</summary>
internal sealed class RleCodec : IDicomFrameCodec
{
    private const int MaxSegments = 15;
    private const int MaxRun = 128;

    public string TransferSyntaxUid => DicomUids.RLELossless;

    public bool IsLossy => false;

    public string DecodedPhotometric(DicomImageInfo info) => info.Photometric;

    public byte[] Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info) => RleDecoder.DecodeFrame(encoded, info);

    public void Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info, Span<byte> destination) =>
        RleDecoder.DecodeFrame(encoded, info, destination);

    public bool CanEncode(DicomImageInfo info) =>
        info.BitsAllocated is 8 or 16 or 32 && info.SamplesPerPixel * info.BytesPerSample <= MaxSegments;

    public DicomEncodedFrame Encode(ReadOnlySpan<byte> frame, DicomImageInfo info, DicomCodecOptions options)
    {
        var bytesPerSample = info.BytesPerSample;
        var segments = info.SamplesPerPixel * bytesPerSample;
        var stride = segments;
        using var output = new MemoryStream();
        output.Write(new byte[64]);
        var header = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)segments);
        var row = new byte[info.Columns];
        for (var s = 0; s < segments; s++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4 + s * 4), (uint)output.Length);
            var sample = s / bytesPerSample;
            var byteInSample = bytesPerSample - 1 - s % bytesPerSample;
            for (var r = 0; r < info.Rows; r++)
            {
                var at = (r * info.Columns * stride) + sample * bytesPerSample + byteInSample;
                for (var c = 0; c < info.Columns; c++, at += stride)
                {
                    row[c] = frame[at];
                }

                PackRow(row, output);
            }

            if ((output.Length & 1) == 1)
            {
                output.WriteByte(0);
            }
        }

        var result = output.ToArray();
        header.CopyTo(result, 0);
        return new DicomEncodedFrame(result, info.Photometric);
    }

    /// <summary>PackBits (G.3.1): replicate runs of 2-128 equal bytes, literal runs of 1-128 otherwise.</summary>
    private static void PackRow(ReadOnlySpan<byte> row, Stream output)
    {
        var i = 0;
        while (i < row.Length)
        {
            var run = 1;
            while (i + run < row.Length && run < MaxRun && row[i + run] == row[i])
            {
                run++;
            }

            if (run >= 2)
            {
                output.WriteByte((byte)(257 - run));
                output.WriteByte(row[i]);
                i += run;
                continue;
            }

            var start = i;
            while (i < row.Length && i - start < MaxRun && (i + 1 >= row.Length || row[i + 1] != row[i]))
            {
                i++;
            }

            output.WriteByte((byte)(i - start - 1));
            output.Write(row[start..i]);
        }
    }
}
