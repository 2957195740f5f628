using System.Text.RegularExpressions;

namespace Airadcr.Web.Worklist;

/// <summary>
/// Deep links to a report: the Web's <c>/open/{tid}</c>, and the desktop's <c>airadcr://open?tid=X</c>,
/// <c>airadcr://open/X</c> and <c>airadcr://X</c>, all to the same route.
/// </summary>
public static partial class ReportLink
{
    public const string Scheme = "airadcr://";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex TechnicalIdPattern();

    public static bool IsTechnicalId(string? value) => value is not null && TechnicalIdPattern().IsMatch(value);

    public static string RouteFor(string technicalId) => "/open/" + Uri.EscapeDataString(technicalId);

    /// <summary>The technical id of an <c>airadcr://</c> link, or null when the link is not one of the three forms.</summary>
    public static string? Parse(string? link)
    {
        if (link is null || !link.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var rest = link[Scheme.Length..].TrimEnd('/');
        string? tid;
        if (rest.StartsWith("open?", StringComparison.OrdinalIgnoreCase))
        {
            tid = rest[5..].Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == "tid")
                .Select(p => Uri.UnescapeDataString(p[1])).FirstOrDefault();
        }
        else if (rest.StartsWith("open/", StringComparison.OrdinalIgnoreCase))
        {
            tid = Uri.UnescapeDataString(rest[5..]);
        }
        else
        {
            tid = Uri.UnescapeDataString(rest);
        }
        return IsTechnicalId(tid) && !string.Equals(tid, "open", StringComparison.OrdinalIgnoreCase) ? tid : null;
    }
}
