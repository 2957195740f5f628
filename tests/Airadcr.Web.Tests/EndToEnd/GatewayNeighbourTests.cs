using Airadcr.Dicom;
using Airadcr.Testing;
using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// The dashboard with a real gateway (key images from its thumbnail endpoint, throughput from its admin API) and TÉO
/// Hub enabled in the ReportApi (approved reports posted on signing).
/// </summary>
[Collection(GatewayWebStackCollection.Name)]
public sealed class GatewayNeighbourTests(GatewayWebStack stack, BrowserSession browser) : IAsyncDisposable
{
    // pydicom's CT_small.dcm: 128 x 128, one frame.
    private const string CtStudy = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";
    private const string CtInstance = "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322";
    private const string CtSeries = "1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322";

    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    private async Task StoreCtAsync(CancellationToken ct) =>
        (await DcmtkTools.StoreAsync(GatewayProcess.AeTitle, stack.Gateway.DicomPort, [PydicomCorpus.File("CT_small.dcm")], ct)).EnsureSuccess();

    [Fact]
    public async Task The_editor_shows_the_key_images_from_the_gateway_with_the_findings_boxes_over_them()
    {
        var ct = TestContext.Current.CancellationToken;
        await StoreCtAsync(ct);
        // metadata.findings[] as the gateway's push writes it: the image, its frame and size, the box in its pixels.
        var page = await browser.OpenSeededReportAsync(stack, new SeededReport("KEY_IMAGES_1", "PAT-KEY", "ACCKEY-1", "CT", "Scanner images clés", CtStudy,
        [
            new { label = "Nodule", confidence = 0.91, model_id = "ct-nodule-candidates", model_version = "1.0.0", location = "image 1",
                  sop_instance_uid = CtInstance, series_instance_uid = CtSeries, frame = 1, columns = 128, rows = 128, box = new { x = 32, y = 48, width = 16, height = 16 } },
            new { label = "Calcification", confidence = 0.64, model_id = "ct-nodule-candidates", model_version = "1.0.0", location = "image 1",
                  sop_instance_uid = CtInstance, frame = 1, columns = 128, rows = 128, box = new { x = 80, y = 20, width = 24, height = 12 } },
        ]));

        var images = page.Locator("[data-testid=key-image] img");
        await Assertions.Expect(images).ToHaveCountAsync(2);
        Assert.Equal(2, await AssertKeyImagesShowTheImagesAsync(page));
        Assert.Equal(128, await images.First.EvaluateAsync<int>("i => i.naturalWidth"));
        Assert.Equal(128, await images.First.EvaluateAsync<int>("i => i.naturalHeight"));
        // A click on a key image opens OHIF on that image (OHIF's initialSeriesInstanceUID / initialSOPInstanceUID).
        Assert.Equal($"/viewer/viewer?StudyInstanceUIDs={CtStudy}&initialSeriesInstanceUID={CtSeries}&initialSOPInstanceUID={CtInstance}",
            await page.Locator("[data-testid=finding-viewer-link]").First.GetAttributeAsync("href"));
        var box = page.Locator("[data-testid=finding-box]").First;
        await Assertions.Expect(box).ToBeVisibleAsync();
        Assert.Equal("left:25%;top:37.5%;width:12.5%;height:12.5%", await box.GetAttributeAsync("style"));
        var path = Path.Combine(stack.ArtefactDirectory, "key-images.png");
        await page.Locator(".key-images").ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        TestContext.Current.SendDiagnosticMessage("key images screenshot: " + path);
        Assert.True(new FileInfo(path).Length > 0);
    }

    [Fact]
    public async Task Signing_posts_the_approved_report_to_TEO_Hub_shows_it_and_audits_it()
    {
        var page = await browser.OpenSeededReportAsync(stack, new SeededReport("TEO_SIGN_1", "PAT-TEO", "ACCTEO-1", "CT", "Scanner TÉO"));

        await page.FillAsync("#field-conclusion", "Nodule stable, pas de contrôle.");
        await SignAsync(page);

        await Assertions.Expect(page.Locator("[data-testid=teo-hub-outcome]")).ToHaveAttributeAsync("data-state", "posted");
        var posted = Assert.Single(stack.TeoHub.ApprovedReports, r => r?["report_id"]?.GetValue<string>() == "TEO_SIGN_1")!;
        Assert.Equal("PAT-TEO", posted["patient_id"]!.GetValue<string>());
        Assert.Equal("ACCTEO-1", posted["accession_number"]!.GetValue<string>());
        Assert.Equal("1.2.826.0.1.3680043.8.498.1", posted["study_uid"]!.GetValue<string>()); // SeededReport's default study
        Assert.Equal(WebStack.AdminUser, posted["radiologist_name"]!.GetValue<string>());
        Assert.Contains("Nodule stable, pas de contrôle.", posted["approved_text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(posted["approved_text"]!.GetValue<string>(), posted["approved_report"]!.GetValue<string>());
        Assert.True(posted["modifications_made"]!.GetValue<bool>());
        Assert.Equal(["conclusion"], posted["modified_sections"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(GatewayWebStack.TeoHubToken, stack.TeoHub.LastToken);

        await GoToAsync(page, "/admin/audit");
        await Assertions.Expect(page.Locator("table.audit tr", new PageLocatorOptions { HasText = "post-approved-report" }).First).ToContainTextAsync("posted");
    }

    [Fact]
    public async Task The_signed_sr_and_pdf_carry_the_patient_and_study_of_the_source_images_and_a_verifying_organization()
    {
        var ct = TestContext.Current.CancellationToken;
        await StoreCtAsync(ct);
        var page = await browser.OpenSeededReportAsync(stack, new SeededReport("SIGNED_CONTEXT_1", "PAT-CTX", "ACCCTX-1", "CT", "Scanner contexte", CtStudy));

        await SignAsync(page);

        using var source = Airadcr.Dicom.IO.DicomFile.Open(PydicomCorpus.File("CT_small.dcm"));
        var signedDirectory = Path.Combine(stack.WebDataDirectory, "signed", "SIGNED_CONTEXT_1");
        foreach (var name in new[] { "signed-sr.dcm", "report-pdf.dcm" })
        {
            using var signed = Airadcr.Dicom.IO.DicomFile.Open(Path.Combine(signedDirectory, name));
            foreach (var tag in new[] { DicomTag.PatientName, DicomTag.PatientBirthDate, DicomTag.PatientSex, DicomTag.StudyDate, DicomTag.StudyTime, DicomTag.StudyID })
            {
                var expected = source.Dataset.GetStringOrDefault(tag) ?? "";
                Assert.False(string.IsNullOrEmpty(expected) && tag != DicomTag.PatientBirthDate && tag != DicomTag.StudyID, $"CT_small.dcm has no {tag}");
                Assert.Equal(expected, signed.Dataset.GetStringOrDefault(tag) ?? "");
            }
        }
        // dciodvfy: Verifying Organization (Type 1) is not empty although the stack sets no Web__Organization.
        var dciodvfy = await ExternalTool.RunAsync("dciodvfy", "dicom3tools", [Path.Combine(signedDirectory, "signed-sr.dcm")], ct);
        Assert.DoesNotContain("VerifyingOrganization", dciodvfy.StandardOutput + dciodvfy.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_TEO_Hub_failure_is_shown_and_the_signature_stands()
    {
        var page = await browser.OpenSeededReportAsync(stack, new SeededReport("TEO_FAIL_1", "PAT-TEOF", "ACCTEOF-1", "CT", "Scanner TÉO panne"));
        stack.TeoHub.FailuresLeft = 1; // the ReportApi is configured with retry_count = 0

        await SignAsync(page);

        await Assertions.Expect(page.Locator("[data-testid=teo-hub-outcome]")).ToHaveAttributeAsync("data-state", "failed");
        await Assertions.Expect(page.Locator("[data-testid=teo-hub-outcome]")).ToContainTextAsync("502");
        await GoToAsync(page, "/open/TEO_FAIL_1");
        await Assertions.Expect(page.Locator("[data-testid=report-status]")).ToHaveTextAsync("signed");
        Assert.DoesNotContain(stack.TeoHub.ApprovedReports, r => r?["report_id"]?.GetValue<string>() == "TEO_FAIL_1");
    }

    [Fact]
    public async Task The_status_page_charts_the_gateway_throughput_of_the_last_hour()
    {
        var ct = TestContext.Current.CancellationToken;
        await StoreCtAsync(ct);
        var page = await browser.AdminPageAsync(stack);

        await GoToAsync(page, "/admin/status");

        await Assertions.Expect(page.Locator("[data-testid=throughput-chart] svg path").First).ToBeAttachedAsync();
        var received = int.Parse(await page.Locator("[data-testid=throughput-received]").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(received >= 1, $"instances received: {received}");
        await Assertions.Expect(page.Locator("tr[data-service=dicomgateway] td.healthy")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(stack.ArtefactDirectory, "service-status.png"), FullPage = true });
    }
}
