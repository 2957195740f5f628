using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

[Collection(WebStackCollection.Name)]
public sealed class AdminPagesTests(WebStack stack, BrowserSession browser) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task The_status_page_shows_the_ReportApi_healthy_and_the_absent_gateway_and_its_throughput_unavailable()
    {
        var page = await browser.AdminPageAsync(stack);
        await GoToAsync(page, "/admin/status");

        await Assertions.Expect(page.Locator("tr[data-service=reportapi] td.healthy")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("tr[data-service=dicomgateway] td.unavailable")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=throughput-unavailable]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=throughput-chart]").CountAsync());
    }

    [Fact]
    public async Task The_gateway_page_says_the_gateway_is_unavailable_when_it_is()
    {
        var page = await browser.AdminPageAsync(stack);
        await GoToAsync(page, "/admin/gateway");

        await Assertions.Expect(page.Locator("[data-testid=gateway-unavailable]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_radiologist_cannot_open_the_admin_pages()
    {
        var admin = await browser.AdminPageAsync(stack);
        await CreateUserAsync(admin, "radiologist1", WebStack.UserPassword, "radiologist");
        var page = await browser.NewPageAsync(stack.WebUrl);
        await SignInToWorklistAsync(page, "radiologist1", WebStack.UserPassword);

        await page.GotoAsync("/admin/api-keys");

        Assert.Equal(0, await page.Locator("[data-testid=keys]").CountAsync());
        Assert.Contains("denied", await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_dashboard_switches_to_French()
    {
        var page = await browser.AdminPageAsync(stack);

        await page.GotoAsync("/culture/fr?returnUrl=/");
        await WaitForCircuitAsync(page);

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Liste de travail");
    }
}
