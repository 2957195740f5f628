using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// Content-Security-Policy violations a page meets: Chromium's console reports ("Refused to ... because it violates
/// the following Content Security Policy directive") and the page's <c>securitypolicyviolation</c> events. A page
/// may still look as if it works with a violation (a blocked script it can do without), so tests read these.
/// </summary>
public sealed class CspViolations
{
    private const string Marker = "Content Security Policy";
    private readonly ConcurrentQueue<string> messages = new();

    public IReadOnlyList<string> Messages => [.. messages];

    /// <summary>Fails with every message when there was a violation.</summary>
    public void AssertNone() =>
        Assert.True(messages.IsEmpty, "Content-Security-Policy violations:\n" + string.Join("\n", messages));

    /// <summary>Starts recording on the page (call before it navigates).</summary>
    public static async Task<CspViolations> RecordAsync(IPage page)
    {
        var violations = new CspViolations();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains(Marker, StringComparison.OrdinalIgnoreCase))
            {
                violations.messages.Enqueue(message.Text);
            }
        };
        await page.AddInitScriptAsync($$"""
            document.addEventListener("securitypolicyviolation", e =>
                console.error("{{Marker}} violation event: " + e.violatedDirective + " " + e.blockedURI));
            """);
        return violations;
    }
}
