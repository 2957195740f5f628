using System.Net;
using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>Issue 20, item 8: the Web's responses carry a real Content-Security-Policy and the usual security headers.</summary>
[Collection(WebStackCollection.Name)]
public sealed class SecurityHeadersTests(WebStack stack, BrowserSession browser) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task A_page_carries_a_strict_policy_nosniff_referrer_and_permissions_policies_and_no_server_header()
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.WebUrl) };
        using var response = await http.GetAsync("/account/login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Contains("base-uri 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
        Assert.False(response.Headers.Contains("Server"), "no Server header");
    }

    [Fact]
    public async Task The_worklist_works_under_its_policy_without_a_violation()
    {
        await stack.SeedReportAsync(new SeededReport("CSP_WL_1", "PAT-CSP-1", "ACCCSP-1", "CT", "Scanner sous CSP"), TestContext.Current.CancellationToken);
        var page = await browser.NewPageAsync(stack.WebUrl);
        var violations = await CspViolations.RecordAsync(page);

        await SignInToWorklistAsync(page, WebStack.AdminUser, WebStack.AdminPassword);
        var worklist = await page.GotoAsync("/");
        await WaitForCircuitAsync(page);
        await FilterTextAsync(page, "ACCCSP-1");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);

        Assert.Contains("script-src 'self';", await worklist!.HeaderValueAsync("content-security-policy") ?? "");
        violations.AssertNone();
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";
}
