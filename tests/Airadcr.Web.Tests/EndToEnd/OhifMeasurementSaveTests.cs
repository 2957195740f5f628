using Airadcr.Web.Tests.Measurements;
using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// Issue 24, item 3 as a radiologist does it: a length drawn in OHIF 3.13 (Length tool, a drag on the viewport),
/// saved with the measurement panel's "Create SR" (OHIF's own STOW-RS through the Web), then listed in the editor of
/// the study's report and inserted into its text.
/// </summary>
[Collection(WebStackCollection.Name)]
public sealed class OhifMeasurementSaveTests(WebStack stack, BrowserSession browser) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task A_length_drawn_and_saved_in_OHIF_is_listed_in_the_editor_and_inserted_into_the_report()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = await OrthancStudyCopy.StoreAsync(stack.Orthanc, "CT_small.dcm", ct);
        var admin = await browser.AdminPageAsync(stack);
        await CreateUserAsync(admin, "radio-ohif", WebStack.UserPassword, "radiologist");
        var page = await browser.NewPageAsync(stack.WebUrl);
        await SignInToWorklistAsync(page, "radio-ohif", WebStack.UserPassword);

        var pixels = page.WaitForResponseAsync(response => response.Url.Contains("/frames/", StringComparison.Ordinal) && response.Status == 200,
            new PageWaitForResponseOptions { Timeout = 90_000 });
        await page.GotoAsync("/viewer/viewer?StudyInstanceUIDs=" + study, new PageGotoOptions { Timeout = 60_000 });
        await pixels;
        var viewport = page.Locator(".cornerstone-canvas").First;
        await viewport.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 60_000 });
        try
        {
            // OHIF's first-visit tour covers the toolbar: skipped as a new user would.
            var skipTour = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Skip all" });
            if (await skipTour.CountAsync() > 0)
            {
                await skipTour.ClickAsync();
            }
            await page.Locator("[data-cy=\"MeasurementTools-split-button-primary\"]").ClickAsync();
            var box = (await viewport.BoundingBoxAsync())!;
            var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
            await page.Mouse.MoveAsync(x - 60, y);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(x + 60, y, new MouseMoveOptions { Steps = 12 });
            await page.Mouse.UpAsync();
            await Screenshot(page, "ohif-measured.png");

            await page.Locator("[data-cy=prompt-begin-tracking-yes-btn]").ClickAsync();
            var create = page.Locator("button").Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex("^Create (SR|Report)") });
            if (!await create.First.IsVisibleAsync())
            {
                await page.Locator("[data-cy=trackedMeasurements-btn]").ClickAsync();
            }
            await create.First.ClickAsync();
            await Screenshot(page, "ohif-save-dialog.png");
            var stow = page.WaitForResponseAsync(response => response.Request.Method == "POST" && response.Url.Contains("/dicom-web/studies", StringComparison.Ordinal),
                new PageWaitForResponseOptions { Timeout = 60_000 });
            await page.Locator("[role=dialog] button").Filter(new LocatorFilterOptions { HasText = "Save" }).Last.ClickAsync();
            Assert.Equal(200, (await stow).Status);
        }
        catch
        {
            await Screenshot(page, "ohif-measure-failure.png");
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join(" | ", await page.Locator("button, [data-cy]").EvaluateAllAsync<string[]>(
                "els => els.map(e => (e.getAttribute('data-cy') || '') + ':' + (e.textContent || '').trim().slice(0, 30))")));
            throw;
        }

        await stack.SeedReportAsync(new SeededReport("OHIF_MEASURE_1", "PAT-OHIF-M", "ACCOHIFM-1", "CT", "Scanner mesuré dans OHIF", study), ct);
        await GoToAsync(page, "/open/OHIF_MEASURE_1");
        var row = page.Locator("[data-testid=reader-measurement]");
        await Assertions.Expect(row).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Length \d+([.,]\d+)? mm"));
        await Assertions.Expect(row).ToContainTextAsync("radio-ohif");
        await row.First.Locator("[data-testid=insert-measurement]").ClickAsync();
        await Assertions.Expect(page.Locator("#field-results")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"\nLength \d+([.,]\d+)? mm$"));
    }

    private async Task Screenshot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(stack.ArtefactDirectory, name) });
}
