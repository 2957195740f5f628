using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.Testing;
using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// The structure-set pages over a real gateway process: a CT + RTSTRUCT stored by DIMSE is processed by the gateway,
/// listed on /structure-sets, and its page shows the ROIs with their colours, proxies the result files (the admin
/// key never reaches the browser), queues a new processing and links to the viewer with the study.
/// </summary>
[Collection(GatewayWebStackCollection.Name)]
public sealed class StructureSetPagesTests(GatewayWebStack stack, BrowserSession browser) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task A_processed_structure_set_is_listed_and_its_page_shows_the_rois_downloads_and_the_viewer_link()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = SyntheticRtStudy.Write(Path.Combine(stack.ArtefactDirectory, "rtstruct-pages"),
            new SyntheticCtGrid(Columns: 32, Rows: 32, Slices: 12, X0: -16, Y0: -16, Z0: -12),
            [new SyntheticSphere("GTV", 0, 0, 0, 6), new SyntheticBox("PTV_box", -8, -8, -6, 8, 8, 6, 0, 255, 0)]);
        (await DcmtkTools.StoreAsync(GatewayProcess.AeTitle, stack.Gateway.DicomPort, [.. study.ImageFiles, study.StructureSetFile], ct)).EnsureSuccess();
        var setId = await WaitForProcessedSetAsync(study.StudyInstanceUid, ct);

        var page = await browser.AdminPageAsync(stack);
        await GoToAsync(page, "/structure-sets");
        await page.ClickAsync($"tr[data-set='{setId}'] a");
        await page.WaitForURLAsync("**/structure-sets/" + setId);
        await WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=roi-name]")).ToHaveTextAsync(["GTV", "PTV_box"]);
        Assert.Equal("rgb(255, 0, 0)", await page.Locator("[data-testid=swatch]").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        Assert.Equal("rgb(0, 255, 0)", await page.Locator("[data-testid=swatch]").Nth(1).EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        Assert.Equal("/viewer/viewer?StudyInstanceUIDs=" + study.StudyInstanceUid, await page.Locator("#open-viewer").GetAttributeAsync("href"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(stack.ArtefactDirectory, "structure-set.png"), FullPage = true });

        var summaryHref = await page.Locator("#download-summary").GetAttributeAsync("href");
        Assert.Equal($"/structure-sets/{setId}/files/summary.json", summaryHref);
        var summary = await page.APIRequest.GetAsync(summaryHref!);
        Assert.Equal(200, summary.Status);
        using (var json = JsonDocument.Parse(await summary.TextAsync()))
        {
            Assert.Equal(["GTV", "PTV_box"], json.RootElement.GetProperty("rois").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        }
        foreach (var link in await page.Locator("[data-testid=rois] a").AllAsync())
        {
            var file = await page.APIRequest.GetAsync((await link.GetAttributeAsync("href"))!);
            Assert.Equal(200, file.Status);
            Assert.NotEmpty(await file.BodyAsync());
        }
        Assert.Equal(404, (await page.APIRequest.GetAsync($"/structure-sets/{setId}/files/..%2F..%2Fgateway.db")).Status);
        Assert.Equal(404, (await page.APIRequest.GetAsync($"/structure-sets/{new string('0', 32)}/files/summary.json")).Status);

        await page.ClickAsync("#process-again");
        await Assertions.Expect(page.Locator("[data-testid=notice]")).ToBeVisibleAsync();
        await WaitForProcessedSetAsync(study.StudyInstanceUid, ct, minimumAttempts: 2);
    }

    [Fact]
    public async Task A_researcher_may_neither_open_the_structure_sets_nor_download_their_files()
    {
        var admin = await browser.AdminPageAsync(stack);
        await CreateUserAsync(admin, "researcher-rtstruct", WebStack.UserPassword, "researcher");
        var page = await browser.NewPageAsync(stack.WebUrl);
        await SignInToWorklistAsync(page, "researcher-rtstruct", WebStack.UserPassword);
        var noRedirect = new APIRequestContextOptions { MaxRedirects = 0 };
        var download = await page.APIRequest.GetAsync($"/structure-sets/{new string('a', 32)}/files/summary.json", noRedirect);
        Assert.Equal(403, download.Status);
        await page.GotoAsync("/structure-sets");
        await Assertions.Expect(page.Locator("[data-testid=structure-sets]")).ToHaveCountAsync(0);
    }

    /// <summary>The set of the study once processed (at least <paramref name="minimumAttempts"/> times), from the gateway's admin API.</summary>
    private async Task<string> WaitForProcessedSetAsync(string studyInstanceUid, CancellationToken ct, int minimumAttempts = 1)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(90));
        while (true)
        {
            var page = await stack.Gateway.HttpClient.GetFromJsonAsync<JsonElement>("/admin/rtstruct?limit=200", deadline.Token);
            foreach (var set in page.GetProperty("items").EnumerateArray())
            {
                if (set.GetProperty("studyInstanceUid").GetString() == studyInstanceUid && set.GetProperty("state").GetString() == "processed"
                    && set.GetProperty("attempts").GetInt32() >= minimumAttempts)
                {
                    return set.GetProperty("setId").GetString()!;
                }
            }
            await Task.Delay(100, deadline.Token);
        }
    }
}
