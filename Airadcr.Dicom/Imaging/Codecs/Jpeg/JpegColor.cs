namespace Airadcr.Dicom.Imaging.Codecs.Jpeg;

/// <summary>Full-range YCbCr and RGB (ITU-R BT.601 coefficients as JFIF, ITU T.871 clause 7), rounded and clamped,
/// for <paramref name="max"/> + 1 levels (255 for 8-bit samples).</summary>
internal static class JpegColor
{
    private const int ScaleBits = 16;
    private const int OneHalf = 1 << (ScaleBits - 1);
    private static readonly int CrToR = Fixed(1.40200);
    private static readonly int CbToB = Fixed(1.77200);
    private static readonly int CrToG = Fixed(0.71414);
    private static readonly int CbToG = Fixed(0.34414);

    /// <summary>YCbCr to RGB in libjpeg's 16-bit fixed point (jdcolor.c's ycc_rgb_convert), so that our samples are
    /// the ones dcmdjpeg and libjpeg-based viewers show, and no floating point runs per sample.</summary>
    public static void YCbCrToRgb(Span<int> y, Span<int> cb, Span<int> cr, int max)
    {
        var half = (max + 1) / 2;
        for (var i = 0; i < y.Length; i++)
        {
            int l = y[i], b = cb[i] - half, r = cr[i] - half;
            y[i] = Math.Clamp(l + ((CrToR * r + OneHalf) >> ScaleBits), 0, max);
            cb[i] = Math.Clamp(l + ((OneHalf - CbToG * b - CrToG * r) >> ScaleBits), 0, max);
            cr[i] = Math.Clamp(l + ((CbToB * b + OneHalf) >> ScaleBits), 0, max);
        }
    }

    private static int Fixed(double value) => (int)(value * (1 << ScaleBits) + 0.5);

    public static void RgbToYCbCr(Span<int> r, Span<int> g, Span<int> b, int max)
    {
        var half = (max + 1) / 2;
        for (var i = 0; i < r.Length; i++)
        {
            double red = r[i], green = g[i], blue = b[i];
            r[i] = Round(0.299 * red + 0.587 * green + 0.114 * blue, max);
            g[i] = Round(-0.168736 * red - 0.331264 * green + 0.5 * blue + half, max);
            b[i] = Round(0.5 * red - 0.418688 * green - 0.081312 * blue + half, max);
        }
    }

    private static int Round(double value, int max) => Math.Clamp((int)Math.Round(value, MidpointRounding.AwayFromZero), 0, max);
}
