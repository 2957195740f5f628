using System.Buffers.Binary;

namespace Airadcr.Dicom.Imaging.Codecs.Jpeg;

/// <summary>Native interleaved samples (little-endian, in their Bits Allocated container) as one plane per sample,
/// masked to Bits Stored: the unsigned bit patterns JPEG codes.</summary>
internal static class JpegSamplePlanes
{
    public static int[][] Read(ReadOnlySpan<byte> frame, DicomImageInfo info)
    {
        var samples = info.SamplesPerPixel;
        var pixels = info.Rows * info.Columns;
        var mask = (1 << info.BitsStored) - 1;
        var planes = new int[samples][];
        for (var c = 0; c < samples; c++)
        {
            var plane = planes[c] = new int[pixels];
            for (var p = 0; p < pixels; p++)
            {
                var at = (p * samples + c) * info.BytesPerSample;
                plane[p] = (info.BytesPerSample == 1 ? frame[at] : BinaryPrimitives.ReadUInt16LittleEndian(frame[at..])) & mask;
            }
        }

        return planes;
    }
}
