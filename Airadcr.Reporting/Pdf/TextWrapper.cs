using SkiaSharp;

namespace Airadcr.Reporting.Pdf;

/// <summary>Greedy word wrapping of text (with explicit line breaks) to a width, for one font.</summary>
internal static class TextWrapper
{
    public static IReadOnlyList<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = string.Empty;
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (font.MeasureText(candidate) <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                {
                    lines.Add(line);
                }
                line = BreakLongWord(word, font, width, lines);
            }
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>Adds the full-width pieces of a word wider than a line and returns the remainder.</summary>
    private static string BreakLongWord(string word, SKFont font, float width, List<string> lines)
    {
        while (word.Length > 1 && font.MeasureText(word) > width)
        {
            var fit = Math.Max(1, (int)font.BreakText(word, width));
            lines.Add(word[..fit]);
            word = word[fit..];
        }
        return word;
    }
}
