using System.Text.RegularExpressions;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Reporting.Model;
using Airadcr.Reporting.Sr;
using Airadcr.Testing;
using Airadcr.Web.Viewer;
using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.OhifPages;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// OHIF 3.13 at /viewer draws the AI findings of our TID 1500 SR on the CT they were found on: the radiologist opens
/// the study as the editor's link does and double-clicks the AI results series; OHIF loads the findings into its
/// measurement panel and shows the finding's slice with its ellipse. Proved on screenshots of the viewport (marker
/// pixels at the finding's position on its slice, none on another slice), not by reading OHIF's state.
/// </summary>
[Collection(WebStackCollection.Name)]
public sealed class AiFindingsViewerTests(WebStack stack, BrowserSession browser) : IAsyncDisposable
{
    private const int Size = 128;
    private const int FindingSlice = 5;
    private const double FindingColumn = 36;
    private const double FindingRow = 40;
    private const double FindingWidth = 24;
    private const double FindingHeight = 18;

    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task The_viewer_draws_the_ai_finding_on_its_slice_and_lists_it_in_the_measurement_panel()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(File.Exists(Path.Combine(new ViewerOptions().ResolvePath(), "index.html")), ViewerApi.NotInstalled);
        var directory = Path.Combine(stack.ArtefactDirectory, "ai-findings-viewer");
        var grid = new SyntheticCtGrid(Columns: Size, Rows: Size, Slices: 8, X0: -64, Y0: -64, Z0: -8);
        var study = SyntheticRtStudy.Write(directory, grid, []);
        foreach (var file in study.ImageFiles)
        {
            // A window below air: OHIF draws the slices white, told apart from the black viewport around them.
            var slice = DicomFile.Read(await File.ReadAllBytesAsync(file, ct));
            slice.Dataset.Add(DicomTag.WindowCenter, "-1500").Add(DicomTag.WindowWidth, "100");
            slice.Save(file);
        }
        var sr = Path.Combine(directory, "ai-sr.dcm");
        MeasurementReportWriter.Write(AiReport(study, grid)).Save(sr);
        await StoreInOrthancAsync(stack, study.ImageFiles.Append(sr), ct);

        var page = await browser.AdminPageAsync(stack);
        var viewport = page.Locator("[data-cy='viewport-grid']").First;
        try
        {
            await page.GotoAsync("/viewer/viewer?StudyInstanceUIDs=" + study.StudyInstanceUid, new PageGotoOptions { Timeout = 60_000 });
            var aiSeries = page.Locator("[data-cy='study-browser-thumbnail']", new PageLocatorOptions { HasText = "AIRADCR AI results" })
                .Or(page.Locator("[data-cy='study-browser-thumbnail-no-image']", new PageLocatorOptions { HasText = "AIRADCR AI results" }));
            await aiSeries.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 90_000 });
            await SkipTourAsync(page);
            await ClickIfShownAsync(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Confirm and hide" }));
            await aiSeries.First.DblClickAsync();
            // OHIF asks whether to track the study's measurements: the radiologist says yes.
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Yes", Exact = true }).First
                .ClickAsync(new LocatorClickOptions { Timeout = 60_000 });

            // The measurement panel lists the finding (OHIF loaded it as an ellipse measurement).
            await page.Locator("[data-cy='trackedMeasurements-btn']").First.ClickAsync(new LocatorClickOptions { Timeout = 60_000 });
            var panel = page.Locator("[data-cy='trackedMeasurements-panel'], [data-cy='measurements-panel']").First;
            await Assertions.Expect(panel.GetByText("Nodule").First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 30_000 });

            // OHIF went to the finding's slice (its overlay names the instance number, slices being numbered from 1).
            var findingInstance = new Regex($@"I:\s*{FindingSlice + 1}\s*\(");
            await Assertions.Expect(viewport).ToContainTextAsync(findingInstance, new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
            var onSlice = await MarkerPixelsAsync(page, viewport, "ai-finding-slice.png");
            Assert.True(onSlice.AtFinding > 0, $"no marker pixel at the finding's position on its slice ({onSlice})");
            Assert.Equal(0, onSlice.Mirrored);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(stack.ArtefactDirectory, "viewer-ai-findings.png") });

            // Another slice: the finding is not drawn there.
            var box = (await viewport.BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
            for (var tick = 0; tick < 3; tick++)
            {
                await page.Mouse.WheelAsync(0, -120);
                await page.WaitForTimeoutAsync(300);
            }
            await Assertions.Expect(viewport).Not.ToContainTextAsync(findingInstance, new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
            var elsewhere = await MarkerPixelsAsync(page, viewport, "ai-finding-other-slice.png");
            Assert.Equal(0, elsewhere.AtFinding);
            Assert.Equal(0, elsewhere.InImage);
        }
        finally
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(stack.ArtefactDirectory, "viewer-ai-findings-last.png") });
            await File.WriteAllTextAsync(Path.Combine(stack.ArtefactDirectory, "viewer-ai-findings.html"), await page.ContentAsync(), ct);
        }
    }

    /// <summary>The AI report the gateway would write for one nodule on <see cref="FindingSlice"/>.</summary>
    private static ReportDocument AiReport(SyntheticRtStudy study, SyntheticCtGrid grid)
    {
        var first = DicomFile.Read(File.ReadAllBytes(study.ImageFiles[0])).Dataset;
        var sources = study.ImageFiles.Select(file => StudyContextReader.ReadSourceImage(DicomFile.Read(File.ReadAllBytes(file)).Dataset)).ToList();
        var finding = new Finding
        {
            Number = 1,
            TrackingUid = DicomUidGenerator.New(),
            Type = ReportCodes.Nodule,
            Site = ReportCodes.Lung,
            Region = new ImageRegion
            {
                SopClassUid = SyntheticRtStudy.CtImageStorage,
                SopInstanceUid = study.ImageSopInstanceUids[FindingSlice],
                SeriesInstanceUid = study.SeriesInstanceUid,
                CenterColumn = FindingColumn,
                CenterRow = FindingRow,
                Left = FindingColumn - FindingWidth / 2,
                Top = FindingRow - FindingHeight / 2,
                Width = FindingWidth,
                Height = FindingHeight,
                PatientPosition = (grid.X0 + FindingColumn * grid.PixelSpacingMm, grid.Y0 + FindingRow * grid.PixelSpacingMm, grid.SliceZ(FindingSlice)),
                FrameOfReferenceUid = study.FrameOfReferenceUid,
            },
            Measurements = [new Measurement(ReportCodes.Diameter, FindingWidth * grid.PixelSpacingMm, ReportCodes.Millimeter)],
            Confidence = 0.88,
            Algorithm = new AlgorithmIdentity("ct-nodule-candidates", "1.0.0"),
        };
        return new ReportDocument
        {
            Study = StudyContextReader.Read(first),
            Text = new ReportText("Scanner thoracique", "", "", "Un nodule détecté.", ""),
            Findings = [finding],
            SourceImages = sources,
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>
    /// Marker pixels (OHIF's annotation colours: yellow, green) on a screenshot of the viewport, decoded by the browser:
    /// around the finding's projected position, around its mirror image across the image's horizontal midline, and in
    /// the whole image. The image (square, 1 mm pixels, white at OHIF's default window) is fitted and centred in the
    /// viewport's canvas; screenshots are taken until it is drawn there (a resize re-renders the viewport).
    /// </summary>
    private async Task<MarkerCount> MarkerPixelsAsync(IPage page, ILocator viewport, string name)
    {
        var canvas = page.Locator("[data-cy='viewport-grid'] canvas.cornerstone-canvas, [data-cy='viewport-grid'] [data-viewport-uid] canvas").First;
        for (var attempt = 1; ; attempt++)
        {
            var grid = (await viewport.BoundingBoxAsync())!;
            var area = (await canvas.BoundingBoxAsync())!;
            var png = await viewport.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(stack.ArtefactDirectory, name) });
            var scale = Math.Min(area.Width, area.Height) / Size;
            var imageLeft = area.X - grid.X + (area.Width - Size * scale) / 2;
            var imageTop = area.Y - grid.Y + (area.Height - Size * scale) / 2;
            double[] image = [imageLeft, imageTop, Size * scale, Size * scale];
            double[] Window(double column, double row) =>
            [
                imageLeft + (column - FindingWidth / 2 - 4) * scale, imageTop + (row - FindingHeight / 2 - 4) * scale,
                (FindingWidth + 8) * scale, (FindingHeight + 8) * scale,
            ];
            var counts = await CountPixelsAsync(page, png, [Window(FindingColumn, FindingRow), Window(FindingColumn, Size - FindingRow), image],
                "(r, g, b) => (r > 150 && g > 150 && b < 110) || (g > 180 && r < 100 && b < 100)");
            var white = (await CountPixelsAsync(page, png, [image], "(r, g, b) => r > 240 && g > 240 && b > 240"))[0];
            var markers = new MarkerCount(counts[0], counts[1], counts[2], white / (image[2] * image[3]));
            TestContext.Current.TestOutputHelper?.WriteLine($"{name} #{attempt}: {markers}");
            if (markers.ImageDrawn > 0.5 || attempt == 30)
            {
                Assert.True(markers.ImageDrawn > 0.5, $"the CT slice is not drawn where expected in the viewport ({markers})");
                return markers;
            }
            await page.WaitForTimeoutAsync(1_000);
        }
    }

    private sealed record MarkerCount(int AtFinding, int Mirrored, int InImage, double ImageDrawn);
}
