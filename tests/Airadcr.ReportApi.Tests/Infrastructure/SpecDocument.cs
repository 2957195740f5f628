using System.Text.RegularExpressions;

namespace Airadcr.ReportApi.Tests.Infrastructure;

/// <summary>The binding specification (a copy of ../shared/reference/airadcr-desktop-api-v2.md in Spec/).</summary>
public static class SpecDocument
{
    public static string Text => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Spec", "airadcr-desktop-api-v2.md"));

    /// <summary>The one fenced code block of the given language that contains the marker, as written.</summary>
    public static string CodeBlock(string language, string marker) =>
        Regex.Matches(Text, $"```{language}\\n(.*?)```", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value)
            .Single(code => code.Contains(marker, StringComparison.Ordinal));
}
