using System.Buffers;
using JpegLibrary;

namespace Airadcr.Dicom.Imaging.Codecs.Jpeg;

/// <summary>JPEG Baseline (Process 1, 8-bit) through JpegLibrary's encoder: the standard quantization tables (T.81
/// annex K) scaled by the quality, optimal Huffman tables. RGB is stored as YCbCr without subsampling, as YBR_FULL
/// (dcmtk's `dcmcjpeg +eb +s4`); monochrome as one component.</summary>
internal static class JpegBaselineEncoder
{
    private const byte Luminance = 0;
    private const byte Chrominance = 1;

    public static bool CanEncode(DicomImageInfo info) =>
        info.BitsAllocated == 8 && info.BitsStored == 8 && !info.IsSigned
        && ((info.SamplesPerPixel == 1 && info.IsMonochrome) || (info.SamplesPerPixel == 3 && info.Photometric == "RGB"));

    public static DicomEncodedFrame Encode(ReadOnlySpan<byte> frame, DicomImageInfo info, int quality)
    {
        quality = Math.Clamp(quality, 1, 100);
        var planes = JpegSamplePlanes.Read(frame, info);
        var color = info.SamplesPerPixel == 3;
        if (color)
        {
            JpegColor.RgbToYCbCr(planes[0], planes[1], planes[2], byte.MaxValue);
        }

        var encoder = new JpegEncoder();
        encoder.SetQuantizationTable(JpegStandardQuantizationTable.ScaleByQuality(
            JpegStandardQuantizationTable.GetLuminanceTable(JpegElementPrecision.Precision8Bit, Luminance), quality));
        encoder.SetHuffmanTable(true, Luminance);
        encoder.SetHuffmanTable(false, Luminance);
        encoder.AddComponent(1, Luminance, Luminance, Luminance, 1, 1);
        if (color)
        {
            encoder.SetQuantizationTable(JpegStandardQuantizationTable.ScaleByQuality(
                JpegStandardQuantizationTable.GetChrominanceTable(JpegElementPrecision.Precision8Bit, Chrominance), quality));
            encoder.SetHuffmanTable(true, Chrominance);
            encoder.SetHuffmanTable(false, Chrominance);
            encoder.AddComponent(2, Chrominance, Chrominance, Chrominance, 1, 1);
            encoder.AddComponent(3, Chrominance, Chrominance, Chrominance, 1, 1);
        }

        encoder.SetInputReader(new JpegPlaneReader(info.Columns, info.Rows, planes));
        var output = new ArrayBufferWriter<byte>(info.FrameLength / 4 + 1024);
        encoder.SetOutput(output);
        encoder.Encode();
        return new DicomEncodedFrame(output.WrittenSpan.ToArray(), color ? "YBR_FULL" : info.Photometric);
    }
}
