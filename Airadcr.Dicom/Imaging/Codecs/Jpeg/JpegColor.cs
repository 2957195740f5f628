namespace Airadcr.Dicom.Imaging.Codecs.Jpeg;

/// <summary>Full-range YCbCr and RGB (ITU-R BT.601 coefficients as JFIF, ITU T.871 clause 7), rounded and clamped,
/// for <paramref name="max"/> + 1 levels (255 for 8-bit samples).</summary>
internal static class JpegColor
{
    public static void YCbCrToRgb(Span<int> y, Span<int> cb, Span<int> cr, int max)
    {
        var half = (max + 1) / 2;
        for (var i = 0; i < y.Length; i++)
        {
            double l = y[i], b = cb[i] - half, r = cr[i] - half;
            y[i] = Round(l + 1.402 * r, max);
            cb[i] = Round(l - 0.344136 * b - 0.714136 * r, max);
            cr[i] = Round(l + 1.772 * b, max);
        }
    }

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
