using System.Globalization;
using Airadcr.Testing;
using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// Issue 22 in the dashboard, against a real gateway: an admin registers an archive (the gateway's own DICOM port,
/// which answers C-ECHO but not C-FIND), tests it (C-ECHO passes, with its round trip), and a federated search shows it
/// red with the reason.
/// </summary>
[Collection(GatewayWebStackCollection.Name)]
public sealed class ArchivesPagesTests(GatewayWebStack stack, BrowserSession browser) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task An_admin_adds_and_tests_an_archive_and_a_search_reports_it_failed()
    {
        var page = await browser.AdminPageAsync(stack);
        await GoToAsync(page, "/admin/archives");

        await page.FillAsync("#archive-name", "gateway-self");
        await page.FillAsync("#archive-ae", GatewayProcess.AeTitle);
        await page.FillAsync("#archive-host", "127.0.0.1");
        await page.FillAsync("#archive-port", stack.Gateway.DicomPort.ToString(CultureInfo.InvariantCulture));
        await page.ClickAsync("#archive-save");
        var row = page.Locator("tr.archive", new() { HasText = "gateway-self" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.Locator(".archive-test").ClickAsync();
        await Assertions.Expect(row.Locator(".echo-outcome")).ToContainTextAsync("ok ·");

        await GoToAsync(page, "/admin/archives/search");
        await page.FillAsync("#search-name", "NOBODY*");
        await page.ClickAsync("#search-run");
        var outcome = page.Locator("tr.archive-outcome", new() { HasText = "gateway-self" });
        await Assertions.Expect(outcome).ToHaveAttributeAsync("data-status", "failed");
        await Assertions.Expect(outcome).ToContainTextAsync("No accepted presentation context");
    }
}
