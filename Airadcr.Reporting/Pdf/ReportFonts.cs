using SkiaSharp;

namespace Airadcr.Reporting.Pdf;

/// <summary>
/// The typefaces embedded in this assembly (DejaVu Sans). Loaded from resources, never from fontconfig: text drawn
/// with a system default typeface silently disappears where fontconfig is absent.
/// </summary>
internal sealed class ReportFonts : IDisposable
{
    private ReportFonts(SKTypeface regular, SKTypeface bold)
    {
        Regular = regular;
        Bold = bold;
    }

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    public static ReportFonts Load() => new(LoadTypeface("DejaVuSans.ttf"), LoadTypeface("DejaVuSans-Bold.ttf"));

    private static SKTypeface LoadTypeface(string file)
    {
        var name = "Airadcr.Reporting.Fonts." + file;
        using var resource = typeof(ReportFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded font {name} is missing");
        using var data = SKData.Create(resource);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"Embedded font {name} is unreadable");
    }

    public void Dispose()
    {
        Regular.Dispose();
        Bold.Dispose();
    }
}
