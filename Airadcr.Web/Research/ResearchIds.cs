using System.Text.RegularExpressions;

namespace Airadcr.Web.Research;

/// <summary>
/// Project and export ids as the gateway makes them (letters, digits, '-', '_'): checked before one goes into a
/// gateway URL or a route, so a crafted id cannot reach another path of the gateway.
/// </summary>
public static partial class ResearchIds
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Pattern();
}
