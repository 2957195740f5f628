namespace Airadcr.Web.Research;

/// <summary>
/// A de-identification profile as the gateway reads it: <c>basic</c> (PS3.15 Annex E, Basic Application Level
/// Confidentiality Profile) plus the options of Table E.1-1 joined with '+', e.g. <c>basic+retain-patient-characteristics</c>.
/// </summary>
public static class ResearchProfile
{
    public const string Basic = "basic";

    /// <summary>The options an admin may add, with what each keeps or removes (texts are UI keys, see UiText).</summary>
    public static readonly IReadOnlyList<ProfileOption> Options =
    [
        new("retain-longitudinal-full", "Retain longitudinal temporal information (full dates)",
            "Dates and times are kept as acquired."),
        new("modified-dates", "Retain longitudinal temporal information (modified dates)",
            "Dates are shifted by one consistent offset per patient: intervals stay true."),
        new("retain-patient-characteristics", "Retain patient characteristics",
            "Sex, age, size, weight and similar are kept."),
        new("retain-device-identity", "Retain device identity",
            "Device serial numbers, station names and similar are kept."),
        new("retain-institution-identity", "Retain institution identity",
            "Institution name, address and department are kept."),
        new("retain-uids", "Retain UIDs",
            "Study, series and instance UIDs are kept (otherwise replaced consistently per project)."),
        new("retain-safe-private", "Retain safe private attributes",
            "Private attributes known to hold no identifier are kept."),
        new("clean-descriptors", "Clean descriptors",
            "Descriptions and comments are kept once cleaned of identifiers instead of removed."),
        new("clean-structured-content", "Clean structured content",
            "SR content (findings) is kept once cleaned of identifiers instead of removed."),
        new("clean-graphics", "Clean graphics",
            "Graphic annotations are kept once cleaned of identifiers instead of removed."),
    ];

    /// <summary>The profile string for the chosen options (in <see cref="Options"/>' order; unknown keys refused).</summary>
    public static string Compose(IEnumerable<string> chosen)
    {
        var set = chosen.ToHashSet(StringComparer.Ordinal);
        if (set.FirstOrDefault(key => Options.All(o => o.Key != key)) is { } unknown)
        {
            throw new ArgumentException("unknown profile option: " + unknown, nameof(chosen));
        }
        if (set.Contains("retain-longitudinal-full") && set.Contains("modified-dates"))
        {
            throw new ArgumentException("full dates and modified dates exclude each other", nameof(chosen));
        }
        return string.Join('+', Options.Where(o => set.Contains(o.Key)).Select(o => o.Key).Prepend(Basic));
    }

    /// <summary>The options a profile string names (its first part, <c>basic</c>, left out).</summary>
    public static IReadOnlyList<string> OptionsOf(string profile) =>
        [.. profile.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(part => part != Basic)];
}

/// <summary>One profile option: the key the gateway reads, its label and a short explanation (English UI keys).</summary>
public sealed record ProfileOption(string Key, string Label, string Explanation);
