using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using System.Text.Json;
using Airadcr.Testing;
using Airadcr.Web.Tests.EndToEnd;
using Microsoft.Playwright;

namespace Airadcr.EndToEnd.Tests;

/// <summary>
/// Issue 9's acceptance path through the graph the Aspire AppHost starts: modality -> Orthanc -> Lua routing -> IA_SERVER ->
/// inference -> AI SR + Encapsulated PDF back in Orthanc and a pending report in the ReportApi, one trace; then a
/// radiologist signs it in the Web (headless Chromium) and the signed SR reaches Orthanc. The modality sends the study
/// compressed (its slices in RLE, JPEG Lossless SV1, JPEG-LS and JPEG 2000 as dcmtk and GDCM write them): Orthanc keeps and forwards them as received.
/// </summary>
[Collection(nameof(GraphCollection))]
public sealed class StudyPipelineTests(AspireGraph graph) : IDisposable
{
    private static readonly TimeSpan StudyDeadline = TimeSpan.FromMinutes(3);
    private readonly FixtureDirectory _directory = new("e2e-study");

    [Fact]
    public async Task A_ct_study_sent_to_orthanc_comes_back_with_ai_sr_pdf_and_a_pending_report_in_one_trace()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = SyntheticCtStudy.Write(_directory.Combine("study"));

        await CompressedStore.SendAsync(study.Files, _directory.Combine("compressed"), "ORTHANC", graph.Port("pacs", "dicom"), ct);

        var modalities = await WaitForResultsInPacsAsync(study, ct);
        Assert.Contains("SR", modalities);
        Assert.Contains("DOC", modalities);
        Assert.Equal(3, modalities.Count(m => m == "CT"));

        var report = await FindReportAsync(study, ct);
        Assert.Equal(study.StudyInstanceUid, report.GetProperty("study_instance_uid").GetString());
        Assert.Equal("airadcr_gateway", report.GetProperty("source_type").GetString());
        Assert.Contains("nodule", report.GetProperty("structured").GetProperty("results").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ct-nodule-candidates", report.GetProperty("ai_modules").EnumerateArray().Select(m => m.GetString()));
        Assert.NotEqual(JsonValueKind.Undefined, report.GetProperty("metadata").ValueKind);
        Assert.NotEmpty(report.GetProperty("metadata").EnumerateObject());

        await AssertOneTraceSpansGatewayInferenceAndReportApiAsync(ct);

        await SignInTheWebAsync(report.GetProperty("technical_id").GetString()!, study, ct);

        AssertNoIdentifierInOurLogsOrTelemetry(study);
    }

    /// <summary>The study's identifiers appear in none of our services' logs nor in anything they exported over OTLP.</summary>
    private void AssertNoIdentifierInOurLogsOrTelemetry(SyntheticCtStudy study)
    {
        string[] identifiers = [study.StudyInstanceUid, study.AccessionNumber, SyntheticCtStudy.PatientId, SyntheticCtStudy.PatientName];
        foreach (var service in new[] { "reportapi", "dicomgateway", "inference", "web" })
        {
            var log = graph.Log(service);
            Assert.NotEmpty(log);
            Assert.All(identifiers, identifier => Assert.False(log.Contains(identifier, StringComparison.Ordinal),
                $"{service}.log holds a study identifier: {string.Join('\n', log.Split('\n').Where(line => line.Contains(identifier, StringComparison.Ordinal)).Take(3))}"));
        }
        Assert.All(identifiers, identifier => Assert.True(graph.Traces.SignalsContaining(identifier).Count == 0,
            $"telemetry holds a study identifier: {string.Join(", ", graph.Traces.SignalsContaining(identifier))}; spans: " +
            string.Join("\n", graph.Traces.SpansContaining(identifier).Take(3))));
    }

    /// <summary>The worklist shows the report; signing it sends the signed SR (Enhanced SR) to Orthanc in the same study.</summary>
    private async Task SignInTheWebAsync(string technicalId, SyntheticCtStudy study, CancellationToken ct)
    {
        await using var browser = new BrowserSession();
        await browser.InitializeAsync();
        var page = await browser.NewPageAsync(graph.Endpoint("web").ToString().TrimEnd('/'));
        await DashboardPages.SignInToWorklistAsync(page, "admin", graph.Secret("web-admin-password"));
        await DashboardPages.FilterTextAsync(page, study.AccessionNumber);
        await Assertions.Expect(page.Locator($"tr.worklist-row[data-tid='{technicalId}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await DashboardPages.GoToAsync(page, "/open/" + technicalId);
        var keyImages = await DashboardPages.AssertKeyImagesShowTheImagesAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "artefacts", "e2e-report-editor.png"), FullPage = true });
        Assert.True(keyImages > 0, "the editor shows no key image of the AI findings");
        await DashboardPages.SignAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=signed-banner]")).ToContainTextAsync("sent to the PACS");

        using var pacs = graph.PacsClient();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        const string EnhancedSr = "1.2.840.10008.5.1.4.1.1.88.22";
        var query = $"dicom-web/studies/{study.StudyInstanceUid}/instances?SOPClassUID={EnhancedSr}";
        while (true)
        {
            using var response = await pacs.GetAsync(query, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            if (response.IsSuccessStatusCode && body.Length > 0)
            {
                using var instances = JsonDocument.Parse(body);
                if (instances.RootElement.GetArrayLength() > 0)
                {
                    return;
                }
            }
            await Task.Delay(250, deadline.Token);
        }
    }

    [Fact]
    public async Task A_study_completes_when_the_gateway_is_killed_mid_study_and_restarted_by_the_apphost()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = SyntheticCtStudy.Write(_directory.Combine("study"), seriesCount: 1);
        using var gateway = graph.GatewayClient();

        await StoreInPacsAsync(study, ct);
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            deadline.CancelAfter(StudyDeadline);
            while (!(await gateway.GetStringAsync("/admin/jobs", deadline.Token)).Contains(study.StudyInstanceUid, StringComparison.Ordinal))
            {
                await Task.Delay(50, deadline.Token);
            }
        }
        // kill -9 of the gateway's processes (Aspire sees it exit), then Aspire's own start command, as from the dashboard.
        graph.Kill("dicomgateway");
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            deadline.CancelAfter(TimeSpan.FromMinutes(1));
            await graph.App.ResourceNotifications.WaitForResourceAsync("dicomgateway",
                e => e.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart", deadline.Token);
        }
        var started = await graph.App.ResourceCommands.ExecuteCommandAsync("dicomgateway", "resource-start", ct);
        Assert.True(started.Success, started.Message);
        await graph.App.ResourceNotifications.WaitForResourceHealthyAsync("dicomgateway", ct);

        var modalities = await WaitForResultsInPacsAsync(study, ct);
        Assert.Contains("SR", modalities);
        Assert.Contains("DOC", modalities);
        Assert.Equal(study.StudyInstanceUid, (await FindReportAsync(study, ct)).GetProperty("study_instance_uid").GetString());
    }

    private async Task StoreInPacsAsync(SyntheticCtStudy study, CancellationToken ct) =>
        (await DcmtkTools.StoreAsync("ORTHANC", graph.Port("pacs", "dicom"), study.Files, ct)).EnsureSuccess();

    /// <summary>QIDO-RS on Orthanc's DICOMweb until the study holds an SR and a DOC series; returns every series' modality.</summary>
    private async Task<List<string>> WaitForResultsInPacsAsync(SyntheticCtStudy study, CancellationToken ct)
    {
        using var pacs = graph.PacsClient();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(StudyDeadline);
        var modalities = new List<string>();
        try
        {
            while (!(modalities.Contains("SR") && modalities.Contains("DOC")))
            {
                await Task.Delay(250, deadline.Token);
                var response = await pacs.GetAsync($"dicom-web/studies/{study.StudyInstanceUid}/series", deadline.Token);
                if (response.IsSuccessStatusCode && response.Content.Headers.ContentLength != 0)
                {
                    using var series = JsonDocument.Parse(await response.Content.ReadAsStringAsync(deadline.Token));
                    modalities = [.. series.RootElement.EnumerateArray().Select(s => s.GetProperty("00080060").GetProperty("Value")[0].GetString()!)];
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Assert.Fail($"no AI results in the PACS within {StudyDeadline}; series: {string.Join(",", modalities)}\n" +
                        $"gateway log:\n{graph.LogTail("dicomgateway")}\npacs log:\n{graph.LogTail("pacs", 10)}");
        }
        return modalities;
    }

    /// <summary><c>GET /find-report?accession_number=</c> on the ReportApi: the pending report's <c>data</c>.</summary>
    private async Task<JsonElement> FindReportAsync(SyntheticCtStudy study, CancellationToken ct)
    {
        using var reports = graph.ReportApiClient();
        var response = await reports.GetAsync($"find-report?accession_number={study.AccessionNumber}", ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"find-report: {(int)response.StatusCode} {body}\n{graph.LogTail("reportapi")}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("data").Clone();
    }

    private async Task AssertOneTraceSpansGatewayInferenceAndReportApiAsync(CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        string[] services = ["dicomgateway", "inference", "reportapi"];
        while (!deadline.IsCancellationRequested)
        {
            var spans = graph.Traces.Spans;
            var analyses = spans.Where(s => s is { Service: "dicomgateway", Name: "analyse study" }).Select(s => s.TraceId).ToHashSet();
            if (analyses.Any(trace => services.All(service => spans.Any(s => s.TraceId == trace && s.Service == service))))
            {
                return;
            }
            await Task.Delay(250, CancellationToken.None);
        }
        var received = graph.Traces.Spans.GroupBy(s => s.TraceId).Select(g => $"{g.Key}: {string.Join(", ", g.Select(s => $"{s.Service}/{s.Name}"))}");
        Assert.Fail($"no trace spans gateway, inference and reportapi. Traces:\n{string.Join('\n', received.Take(30))}");
    }

    public void Dispose() => _directory.Dispose();
}
