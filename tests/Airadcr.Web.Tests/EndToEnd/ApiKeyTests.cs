using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

[Collection(WebStackCollection.Name)]
public sealed class ApiKeyTests(WebStack stack, BrowserSession browser) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task A_created_key_is_shown_exactly_once_works_and_stops_working_once_revoked()
    {
        var ct = TestContext.Current.CancellationToken;
        var page = await browser.AdminPageAsync(stack);
        await GoToAsync(page, "/admin/api-keys");
        await page.WaitForSelectorAsync("[data-testid=keys]");

        await page.FillAsync("#key-name", "RIS e2e");
        await page.Keyboard.PressAsync("Tab");
        await page.ClickAsync("#create-key");
        var key = (await page.Locator("#new-key-value").TextContentAsync())!.Trim();
        Assert.StartsWith("airadcr_", key);
        Assert.Equal(HttpStatusCode.OK, await HealthWithKeyStatusAsync(key, ct));
        Assert.Equal(HttpStatusCode.OK, await PostReportWithKeyAsync(key, ct));

        await page.ReloadAsync();
        await WaitForCircuitAsync(page);
        await page.WaitForSelectorAsync("tr[data-key-id] .key-name");
        Assert.DoesNotContain(key, await page.ContentAsync());

        var row = page.Locator("tr[data-key-id]", new PageLocatorOptions { HasText = "RIS e2e" });
        await row.Locator(".revoke").ClickAsync();
        await Assertions.Expect(row.Locator(".key-status")).ToHaveTextAsync("Revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await PostReportWithKeyAsync(key, ct));
    }

    private async Task<HttpStatusCode> PostReportWithKeyAsync(string key, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = stack.ReportApiClient.BaseAddress };
        http.DefaultRequestHeaders.Add("X-API-Key", key);
        using var response = await http.PostAsJsonAsync("pending-report", new
        {
            technical_id = "KEY_" + Guid.NewGuid().ToString("N")[..12],
            structured = new { title = "Clé" },
        }, ct);
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> HealthWithKeyStatusAsync(string key, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = stack.ReportApiClient.BaseAddress };
        http.DefaultRequestHeaders.Add("X-API-Key", key);
        using var response = await http.GetAsync("health", ct);
        return response.StatusCode;
    }
}
