namespace Airadcr.Dicom.Imaging;

/// <summary>An 8-bit rendering: one channel (grayscale) or three (RGB), row-major.</summary>
public sealed record DicomRendering(int Width, int Height, int Channels, byte[] Pixels);

/// <summary>8-bit renderings for thumbnails: modality LUT, VOI window (the dataset's first, else the frame's range,
/// PS3.3 C.11.2.1.2 linear function), MONOCHROME1 inverted; colour scaled to 8 bits, YBR_FULL converted to RGB.</summary>
public static class DicomRenderer
{
    public static DicomRendering Render(DicomPixelData pixels, int frame = 0, double? windowCenter = null, double? windowWidth = null)
    {
        var info = pixels.Info;
        var values = pixels.GetFrameAsFloat(frame, applyModalityLut: info.IsMonochrome);
        var output = new byte[values.Length];
        if (!info.IsMonochrome)
        {
            var max = (1L << info.BitsStored) - 1;
            for (var i = 0; i < values.Length; i++)
            {
                output[i] = (byte)Math.Clamp(Math.Round(values[i] * 255.0 / max), 0, 255);
            }

            if (info.Photometric == "YBR_FULL" && info.SamplesPerPixel == 3)
            {
                YbrFullToRgb(output);
            }

            return new DicomRendering(info.Columns, info.Rows, info.SamplesPerPixel, output);
        }

        var (center, width) = (windowCenter ?? info.WindowCenter, windowWidth ?? info.WindowWidth) switch
        {
            ({ } c, { } w) when w >= 1 => (c, w),
            _ => Range(values),
        };
        var invert = info.Photometric == "MONOCHROME1";
        var low = center - 0.5 - (width - 1) / 2;
        var high = center - 0.5 + (width - 1) / 2;
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            var y = x <= low ? 0 : x > high ? 255 : ((x - (center - 0.5)) / (width - 1) + 0.5) * 255;
            var b = (byte)Math.Clamp(Math.Round(y), 0, 255);
            output[i] = invert ? (byte)(255 - b) : b;
        }

        return new DicomRendering(info.Columns, info.Rows, 1, output);
    }

    /// <summary>YCbCr full range to RGB (PS3.3 C.7.6.3.1.2, the ITU-R BT.601 coefficients of JFIF).</summary>
    private static void YbrFullToRgb(byte[] pixels)
    {
        for (var i = 0; i + 2 < pixels.Length; i += 3)
        {
            double y = pixels[i], cb = pixels[i + 1] - 128.0, cr = pixels[i + 2] - 128.0;
            pixels[i] = (byte)Math.Clamp(Math.Round(y + 1.402 * cr), 0, 255);
            pixels[i + 1] = (byte)Math.Clamp(Math.Round(y - 0.344136 * cb - 0.714136 * cr), 0, 255);
            pixels[i + 2] = (byte)Math.Clamp(Math.Round(y + 1.772 * cb), 0, 255);
        }
    }

    private static (double Center, double Width) Range(float[] values)
    {
        var min = values.Length == 0 ? 0 : values.Min();
        var max = values.Length == 0 ? 0 : values.Max();
        return ((min + max) / 2.0 + 0.5, Math.Max(1, max - min + 1));
    }
}
