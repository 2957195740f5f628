using System.Text.RegularExpressions;

namespace Airadcr.ReportApi.Domain;

/// <summary>The report identifier chosen by the sender: 1-64 characters of [A-Za-z0-9_-] (spec annex A).</summary>
public static partial class TechnicalId
{
    public const int MaxLength = 64;

    /// <summary>Returns null when valid, else the error message the spec's clients expect.</summary>
    public static string? Validate(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "technical_id cannot be empty";
        }

        if (value.Length > MaxLength)
        {
            return "technical_id must be 64 characters or less";
        }

        return Allowed().IsMatch(value)
            ? null
            : "technical_id must contain only alphanumeric characters, hyphens, and underscores";
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
