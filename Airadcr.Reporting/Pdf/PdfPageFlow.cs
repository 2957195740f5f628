using SkiaSharp;

namespace Airadcr.Reporting.Pdf;

/// <summary>
/// Lays blocks (headings, wrapped paragraphs, tables, images) top to bottom on A4 pages, opening a new page when a
/// block does not fit, and writing the footer on every page.
/// </summary>
internal sealed class PdfPageFlow : IDisposable
{
    public const float PageWidth = 595.28f;   // A4 in PostScript points
    public const float PageHeight = 841.89f;
    public const float Margin = 48f;
    public const float ContentWidth = PageWidth - 2 * Margin;
    private const float FooterHeight = 28f;
    private const float LineSpacing = 1.3f;

    private readonly SKDocument _document;
    private readonly ReportFonts _fonts;
    private readonly string _footer;
    private readonly string _pageLabel;
    private readonly SKPaint _ink = new() { Color = SKColors.Black, IsAntialias = true };
    private SKCanvas? _canvas;
    private float _y;
    private int _page;

    public PdfPageFlow(SKDocument document, ReportFonts fonts, string footer, string pageLabel)
    {
        _document = document;
        _fonts = fonts;
        _footer = footer;
        _pageLabel = pageLabel;
    }

    private float Bottom => PageHeight - Margin - FooterHeight;

    public SKCanvas Canvas => _canvas ?? NewPage();

    public void Space(float points) => _y += points;

    /// <summary>A section heading, kept on the same page as the first <paramref name="keepWithNext"/> points after it.</summary>
    public void Heading(string text, float keepWithNext = 24f)
    {
        EnsureSpace(32 + keepWithNext);
        _y += 8;
        using var font = new SKFont(_fonts.Bold, 12.5f);
        _y += font.Size;
        Canvas.DrawText(text, Margin, _y, SKTextAlign.Left, font, _ink);
        _y += 4;
        using var rule = new SKPaint { Color = new SKColor(0x1F, 0x4E, 0x79), StrokeWidth = 0.8f };
        Canvas.DrawLine(Margin, _y, Margin + ContentWidth, _y, rule);
        _y += 6;
    }

    public void Title(string text)
    {
        using var font = new SKFont(_fonts.Bold, 17f);
        foreach (var line in TextWrapper.Wrap(text, font, ContentWidth))
        {
            EnsureSpace(font.Size * LineSpacing);
            _y += font.Size * LineSpacing;
            Canvas.DrawText(line, PageWidth / 2, _y, SKTextAlign.Center, font, _ink);
        }
        _y += 6;
    }

    public void Paragraph(string text, float size = 10f, bool bold = false, SKColor? color = null)
    {
        using var font = new SKFont(bold ? _fonts.Bold : _fonts.Regular, size);
        using var paint = new SKPaint { Color = color ?? SKColors.Black, IsAntialias = true };
        foreach (var line in TextWrapper.Wrap(text, font, ContentWidth))
        {
            EnsureSpace(size * LineSpacing);
            _y += size * LineSpacing;
            Canvas.DrawText(line, Margin, _y, SKTextAlign.Left, font, paint);
        }
        _y += size * 0.4f;
    }

    /// <summary>Label/value pairs, two per row.</summary>
    public void KeyValues(IReadOnlyList<(string Label, string Value)> pairs)
    {
        const float size = 9.5f;
        using var labelFont = new SKFont(_fonts.Bold, size);
        using var valueFont = new SKFont(_fonts.Regular, size);
        const float columnWidth = ContentWidth / 2;
        const float labelWidth = 122f;
        for (var i = 0; i < pairs.Count; i += 2)
        {
            var cells = pairs.Skip(i).Take(2).Select(pair => TextWrapper.Wrap(pair.Value, valueFont, columnWidth - labelWidth - 6)).ToList();
            var rowHeight = cells.Max(lines => lines.Count) * size * LineSpacing;
            EnsureSpace(rowHeight);
            for (var c = 0; c < cells.Count; c++)
            {
                var x = Margin + c * columnWidth;
                Canvas.DrawText(pairs[i + c].Label, x, _y + size, SKTextAlign.Left, labelFont, _ink);
                for (var l = 0; l < cells[c].Count; l++)
                {
                    Canvas.DrawText(cells[c][l], x + labelWidth, _y + size + l * size * LineSpacing, SKTextAlign.Left, valueFont, _ink);
                }
            }
            _y += rowHeight + 2;
        }
    }

    /// <summary>A table with a bold header row (repeated on each page) and wrapped cells.</summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<float> widthFractions, IEnumerable<IReadOnlyList<string>> rows)
    {
        const float size = 8.5f;
        const float padding = 3f;
        using var headerFont = new SKFont(_fonts.Bold, size);
        using var cellFont = new SKFont(_fonts.Regular, size);
        using var grid = new SKPaint { Color = new SKColor(0xB0, 0xB0, 0xB0), StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke };
        using var headerFill = new SKPaint { Color = new SKColor(0xE8, 0xEE, 0xF4) };
        var widths = widthFractions.Select(f => f * ContentWidth).ToArray();

        void DrawRow(IReadOnlyList<string> cells, SKFont font, SKPaint? fill)
        {
            var wrapped = cells.Select((cell, c) => TextWrapper.Wrap(cell, font, widths[c] - 2 * padding)).ToList();
            var height = wrapped.Max(lines => Math.Max(1, lines.Count)) * size * LineSpacing + 2 * padding;
            if (!Fits(height))
            {
                NewPage();
                if (!ReferenceEquals(cells, headers))
                {
                    DrawRow(headers, headerFont, headerFill);
                }
            }
            var x = Margin;
            for (var c = 0; c < wrapped.Count; c++)
            {
                var cell = new SKRect(x, _y, x + widths[c], _y + height);
                if (fill is not null)
                {
                    Canvas.DrawRect(cell, fill);
                }
                Canvas.DrawRect(cell, grid);
                for (var l = 0; l < wrapped[c].Count; l++)
                {
                    Canvas.DrawText(wrapped[c][l], x + padding, _y + padding + size + l * size * LineSpacing, SKTextAlign.Left, font, _ink);
                }
                x += widths[c];
            }
            _y += height;
        }

        DrawRow(headers, headerFont, headerFill);
        foreach (var row in rows)
        {
            DrawRow(row, cellFont, null);
        }
        _y += 6;
    }

    /// <summary>Reserves a block of <paramref name="height"/> points and returns its top-left corner.</summary>
    public SKPoint Reserve(float height)
    {
        EnsureSpace(height);
        var origin = new SKPoint(Margin, _y);
        _y += height;
        return origin;
    }

    private bool Fits(float height) => _canvas is not null && _y + height <= Bottom;

    private void EnsureSpace(float height)
    {
        if (!Fits(height))
        {
            NewPage();
        }
    }

    private SKCanvas NewPage()
    {
        EndPage();
        _page++;
        _canvas = _document.BeginPage(PageWidth, PageHeight);
        _y = Margin;
        return _canvas;
    }

    private void EndPage()
    {
        if (_canvas is null)
        {
            return;
        }
        using var font = new SKFont(_fonts.Regular, 7.5f);
        using var grey = new SKPaint { Color = new SKColor(0x60, 0x60, 0x60), IsAntialias = true };
        var footerY = PageHeight - Margin + 4;
        _canvas.DrawText(_footer, Margin, footerY, SKTextAlign.Left, font, grey);
        _canvas.DrawText($"{_pageLabel} {_page}", PageWidth - Margin, footerY, SKTextAlign.Right, font, grey);
        _document.EndPage();
        _canvas = null;
    }

    /// <summary>Ends the last page.</summary>
    public void Complete() => EndPage();

    public void Dispose() => _ink.Dispose();
}
