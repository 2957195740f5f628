using Airadcr.Reporting.Model;

namespace Airadcr.Web.Reports;

/// <summary>
/// What the radiologist did with each AI finding (issue 24, item 1), read from the results text as the AI wrote it and
/// as signed: <c>kept</c> (its line is still there word for word, or the results were not edited), <c>changed</c>
/// (its numbered line or its label is still there, edited) or <c>removed</c> (neither). The gateway writes one line per
/// finding numbered <c>"N. "</c> (FindingNarrative); a finding without such a line is matched by its label.
/// </summary>
public static class AiFindingReview
{
    public const string Kept = "kept";
    public const string Changed = "changed";
    public const string Removed = "removed";

    public sealed record Outcome(int Number, AiFinding Finding, string Review);

    public static IReadOnlyList<Outcome> Classify(IReadOnlyList<AiFinding> findings, string aiResults, string signedResults)
    {
        var aiLines = Lines(aiResults);
        var signedLines = Lines(signedResults);
        var unedited = string.Equals(aiResults.Trim(), signedResults.Trim(), StringComparison.Ordinal);
        return [.. findings.Select((finding, index) =>
        {
            var prefix = $"{index + 1}. ";
            var aiLine = aiLines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            var review = unedited || (aiLine is not null && signedLines.Contains(aiLine)) ? Kept
                : signedLines.Any(l => l.StartsWith(prefix, StringComparison.Ordinal)) || signedResults.Contains(finding.Label, StringComparison.OrdinalIgnoreCase) ? Changed
                : Removed;
            return new Outcome(index + 1, finding, review);
        })];
    }

    /// <summary>One line per finding, in the report's language: in the signed SR's Findings section and the approved text.</summary>
    public static IReadOnlyList<string> Text(IReadOnlyList<Outcome> outcomes, ReportLanguage language) =>
        [.. outcomes.Select(o => language == ReportLanguage.French
            ? $"Résultat IA {o.Number} ({o.Finding.Label}{Where(o.Finding)}) : {French(o.Review)}"
            : $"AI finding {o.Number} ({o.Finding.Label}{Where(o.Finding)}): {o.Review}")];

    /// <summary>The heading of those lines in the approved text.</summary>
    public static string Heading(ReportLanguage language) =>
        language == ReportLanguage.French ? "Relecture des résultats IA :" : "Review of the AI findings:";

    private static string Where(AiFinding finding) => finding.Location is { Length: > 0 } location ? ", " + location : "";

    private static string French(string review) => review switch
    {
        Kept => "conservé",
        Changed => "modifié",
        _ => "supprimé",
    };

    private static List<string> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
