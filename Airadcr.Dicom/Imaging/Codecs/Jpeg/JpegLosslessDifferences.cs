namespace Airadcr.Dicom.Imaging.Codecs.Jpeg;

/// <summary>The differences lossless JPEG codes (T.81 H.1.2): sample minus its selection value 1 prediction, modulo
/// 2^16 as a signed 16-bit value, in scan order (samples interleaved); their categories SSSS and extra bits
/// (table H.2, F.1.2.1.1).</summary>
internal static class JpegLosslessDifferences
{
    private const int Predictor = 1;

    public static short[] Compute(ReadOnlySpan<byte> frame, DicomImageInfo info, int precision, int restartInterval = 0)
    {
        var samples = info.SamplesPerPixel;
        var width = info.Columns;
        var pixels = info.Rows * width;
        var initial = 1 << (precision - 1);
        var differences = new short[pixels * samples];
        var planes = JpegSamplePlanes.Read(frame, info with { BitsStored = precision });
        for (var c = 0; c < samples; c++)
        {
            var plane = planes[c];
            for (var p = 0; p < pixels; p++)
            {
                var prediction = JpegLosslessPrediction.Standard(plane, width, p % width, p / width, Predictor, initial, restartInterval);
                differences[p * samples + c] = (short)(plane[p] - prediction);
            }
        }

        return differences;
    }

    /// <summary>SSSS: the bit length of |difference|; -32768 (32768 modulo 2^16) is category 16, with no extra bits.</summary>
    public static int Category(short difference) =>
        difference == short.MinValue ? 16 : 32 - int.LeadingZeroCount(Math.Abs((int)difference));

    /// <summary>The SSSS low-order bits of the difference, or of the difference minus one when it is negative.</summary>
    public static uint ExtraBits(short difference, int category) =>
        (uint)(difference < 0 ? difference - 1 : difference) & ((1u << category) - 1);
}
