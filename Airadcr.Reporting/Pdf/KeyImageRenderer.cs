using Airadcr.Reporting.Model;
using SkiaSharp;

namespace Airadcr.Reporting.Pdf;

/// <summary>Draws a key image (8-bit grayscale) and the outlines and numbers of the findings on it.</summary>
internal static class KeyImageRenderer
{
    private static readonly SKColor OverlayColor = new(0xFF, 0xC0, 0x00);

    /// <summary>Draws <paramref name="image"/> scaled into <paramref name="box"/>, keeping its aspect ratio.</summary>
    public static void Draw(SKCanvas canvas, KeyImage image, IEnumerable<Finding> findings, SKRect box, SKTypeface typeface)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = SKImage.FromPixelCopy(info, image.Gray8Pixels.Span)
            ?? throw new ArgumentException($"Key image {image.SopInstanceUid} has {image.Gray8Pixels.Length} bytes, expected {image.Width * image.Height}");
        var scale = Math.Min(box.Width / image.Width, box.Height / image.Height);
        var target = SKRect.Create(box.Left, box.Top, image.Width * scale, image.Height * scale);
        canvas.DrawImage(bitmap, target, new SKSamplingOptions(SKFilterMode.Linear));

        using var outline = new SKPaint { Color = OverlayColor, Style = SKPaintStyle.Stroke, StrokeWidth = 1.2f, IsAntialias = true };
        using var label = new SKPaint { Color = OverlayColor, IsAntialias = true };
        using var font = new SKFont(typeface, 9f);
        foreach (var finding in findings.Where(f => image.Shows(f.Region)))
        {
            var region = finding.Region;
            var rect = SKRect.Create(
                target.Left + (float)region.Left * scale, target.Top + (float)region.Top * scale,
                Math.Max(4f, (float)region.Width * scale), Math.Max(4f, (float)region.Height * scale));
            rect.Inflate(3, 3);
            canvas.DrawOval(rect, outline);
            canvas.DrawText(finding.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                rect.Right + 2, rect.Top + 2, SKTextAlign.Left, font, label);
        }
    }
}
