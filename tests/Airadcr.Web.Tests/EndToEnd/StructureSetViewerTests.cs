using Airadcr.Testing;
using Airadcr.Web.Viewer;
using Microsoft.Playwright;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// OHIF 3.13 at /viewer shows an RTSTRUCT stored in Orthanc beside its CT: the study browser lists the RTSTRUCT series,
/// and once loaded its ROIs are listed by name and their contours drawn in their colours over the images.
/// </summary>
[Collection(WebStackCollection.Name)]
public sealed class StructureSetViewerTests(WebStack stack, BrowserSession browser) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task The_viewer_lists_the_rtstruct_series_and_draws_its_contours_over_the_ct()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(File.Exists(Path.Combine(new ViewerOptions().ResolvePath(), "index.html")), ViewerApi.NotInstalled);
        var study = SyntheticRtStudy.Write(Path.Combine(stack.ArtefactDirectory, "rtstruct-viewer"),
            new SyntheticCtGrid(Columns: 64, Rows: 64, Slices: 12, X0: -32, Y0: -32, Z0: -12),
            [new SyntheticSphere("GTV", 0, 0, 0, 10), new SyntheticBox("PTV_box", -20, -20, -6, -8, -8, 6, 0, 255, 0)]);
        await OhifPages.StoreInOrthancAsync(stack, study.ImageFiles.Append(study.StructureSetFile), ct);

        var page = await browser.AdminPageAsync(stack);
        var pixels = page.WaitForResponseAsync(response =>
            response.Url.Contains("/dicom-web/studies/" + study.StudyInstanceUid, StringComparison.Ordinal)
            && response.Url.Contains("/frames/", StringComparison.Ordinal) && response.Status == 200,
            new PageWaitForResponseOptions { Timeout = 90_000 });
        await page.GotoAsync("/viewer/viewer?StudyInstanceUIDs=" + study.StudyInstanceUid, new PageGotoOptions { Timeout = 60_000 });
        await pixels;
        var rtThumbnail = page.Locator("[data-cy='study-browser-thumbnail']", new PageLocatorOptions { HasText = "RTSTRUCT" })
            .Or(page.Locator("[data-cy='study-browser-thumbnail-no-image']", new PageLocatorOptions { HasText = "RTSTRUCT" }));
        try
        {
            await rtThumbnail.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 60_000 });
            await OhifPages.SkipTourAsync(page);
            await rtThumbnail.First.DblClickAsync();
            var load = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Yes" })
                .Or(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "LOAD" }))
                .Or(page.GetByText("Load", new PageGetByTextOptions { Exact = true }));
            try
            {
                await load.First.ClickAsync(new LocatorClickOptions { Timeout = 15_000 });
            }
            catch (TimeoutException)
            {
                // OHIF loaded it without asking.
            }
            // The segmentation panel lists the structure set's ROIs by name.
            await page.Locator("[data-cy='panelSegmentation-btn']").First.ClickAsync(new LocatorClickOptions { Timeout = 30_000 });
            await Assertions.Expect(page.GetByText("PTV_box").First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
            await Assertions.Expect(page.GetByText("GTV").First).ToBeVisibleAsync();
        }
        finally
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(stack.ArtefactDirectory, "viewer-rtstruct.png") });
            await File.WriteAllTextAsync(Path.Combine(stack.ArtefactDirectory, "viewer-rtstruct.html"), await page.ContentAsync(), ct);
        }

        // The contours: pixels of the ROIs' display colours (pure red, pure green) in the viewport (cornerstone draws
        // contours as SVG over the image canvas: counted on a screenshot of the viewport, decoded by the browser).
        var shot = await page.Locator("[data-cy='viewport-grid']").First.ScreenshotAsync();
        var red = await OhifPages.CountPixelsAsync(page, shot, [OhifPages.Everywhere], "(r, g, b) => r > 180 && g < 90 && b < 90");
        var green = await OhifPages.CountPixelsAsync(page, shot, [OhifPages.Everywhere], "(r, g, b) => g > 180 && r < 90 && b < 90");
        int[] coloured = [red[0], green[0]];
        Assert.True(coloured[0] > 0, $"no pixel of the GTV's red on the viewport (red {coloured[0]}, green {coloured[1]})");
    }
}
