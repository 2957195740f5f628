using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>
/// A stored study goes to the real inference service; the AI SR and Encapsulated PDF it produces arrive in the PACS
/// (a real Orthanc) in the same study, and the pre-filled report is in the real ReportApi. In embedded mode the study
/// arrives compressed, its slices in RLE, JPEG Lossless SV1, JPEG-LS and JPEG 2000 as dcmtk and GDCM write them: it is stored as received and analysed
/// and reported like the uncompressed one of server mode.
/// </summary>
public sealed class AnalysisPipelineTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("pipeline");

    [Theory]
    [InlineData(GatewayMode.Embedded)]
    [InlineData(GatewayMode.Server)]
    public async Task Stable_study_is_analysed_and_its_sr_and_pdf_reach_the_pacs(GatewayMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var backends = await GatewayBackends.StartAsync(mode, ct);
        await using var neighbours = await AnalysisNeighbours.StartAsync(_directory, ct);
        var orthanc = neighbours.Orthanc;
        await using var reportApi = await neighbours.StartReportApiAsync(_directory, ct);
        await using var gateway = await GatewayProcess.StartAsync(_directory.Combine("storage"), FreePort.Next(),
            _directory.Combine("gateway.log"), ct, neighbours.GatewayHttpPort,
            new Dictionary<string, string>(backends.Environment.Concat(neighbours.GatewaySettings())));

        var files = SyntheticInstances.CtVolume(_directory.Combine("study"), slices: 12);
        var sent = mode == GatewayMode.Embedded ? await StoreCompressedAsync(gateway, files, ct) : await StoreAsync(gateway, files, ct);
        var study = DicomFile.Open(files[0]).Dataset.GetString(DicomTag.StudyInstanceUID);
        await AssertStoredAsReceivedAsync(gateway, study, sent, ct);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var modalities = new List<string?>();
        while (!(modalities.Contains("SR") && modalities.Contains("DOC")) && !deadline.IsCancellationRequested)
        {
            await Task.Delay(500, ct);
            var response = await orthanc.Client.GetAsync($"dicom-web/studies/{study}/series", ct);
            if (response.IsSuccessStatusCode && response.Content.Headers.ContentLength != 0)
            {
                using var series = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                modalities = [.. series.RootElement.EnumerateArray().Select(s => s.GetProperty("00080060").GetProperty("Value")[0].GetString())];
            }
        }
        var jobs = await gateway.HttpClient.GetStringAsync("/admin/jobs", ct);
        Assert.True(modalities.Contains("SR") && modalities.Contains("DOC"),
            $"PACS series: {string.Join(",", modalities)}; jobs: {jobs}\n{gateway.Process.LogTail(40)}");

        using var reports = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{neighbours.ReportApiPort.ToString(CultureInfo.InvariantCulture)}") };
        // The pending report is pushed after the results are queued for the PACS: it may land a moment later.
        HttpResponseMessage findReport;
        while ((findReport = await reports.GetAsync("/find-report?patient_id=1CT1", ct)).StatusCode == System.Net.HttpStatusCode.NotFound
               && !deadline.IsCancellationRequested)
        {
            findReport.Dispose();
            await Task.Delay(250, ct);
        }
        using (findReport)
        {
            Assert.True(findReport.IsSuccessStatusCode, $"find-report: {(int)findReport.StatusCode}; jobs: {await gateway.HttpClient.GetStringAsync("/admin/jobs", ct)}");
        }
        using var found = JsonDocument.Parse(await reports.GetStringAsync("/find-report?patient_id=1CT1", ct));
        var data = found.RootElement.GetProperty("data");
        Assert.Equal(study, data.GetProperty("study_instance_uid").GetString());
        Assert.Equal("airadcr_gateway", data.GetProperty("source_type").GetString());
        Assert.StartsWith("Analyse automatisée", data.GetProperty("structured").GetProperty("results").GetString());
        Assert.Contains("ct-nodule-candidates", data.GetProperty("ai_modules").EnumerateArray().Select(m => m.GetString()));

        // metadata.findings[] (the Web editor's shape, see ReportApiFindingsTests): one per finding of the analysis.
        var metadata = data.GetProperty("metadata");
        Assert.Equal(metadata.GetProperty("finding_count").GetInt32(), metadata.GetProperty("findings").GetArrayLength());

        // The job ends done and leaves its transport (server mode: acknowledged and deleted from the stream).
        Apis.AdminApi.QueueDepths? depths;
        do
        {
            await Task.Delay(100, ct);
            depths = await gateway.HttpClient.GetFromJsonAsync<Apis.AdminApi.QueueDepths>("/admin/queues", ct);
        }
        while (depths!.AnalysisJobs.GetValueOrDefault("done") != 1 && !deadline.IsCancellationRequested);
        Assert.Equal(1, depths.AnalysisJobs.GetValueOrDefault("done"));
        Assert.Equal(mode == GatewayMode.Server ? ("redis-stream", 0L, 0L) : ("outbox", (long?)null, (long?)null),
            (depths.AnalysisTransport.Transport, depths.AnalysisTransport.StreamLength, depths.AnalysisTransport.StreamPending));
    }

    private async Task<Dictionary<string, string>> StoreCompressedAsync(GatewayProcess gateway, List<string> files, CancellationToken ct)
    {
        var sent = await CompressedStore.SendAsync(files, _directory.Combine("compressed"), GatewayHost.AeTitle, gateway.DicomPort, ct);
        return sent.ToDictionary(s => SopOf(s.File), s => s.Encoder.TransferSyntaxUid);
    }

    private static async Task<Dictionary<string, string>> StoreAsync(GatewayProcess gateway, List<string> files, CancellationToken ct)
    {
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, files, ct)).EnsureSuccess();
        return files.ToDictionary(SopOf, _ => DicomUids.ExplicitVRLittleEndian);
    }

    private static string SopOf(string file)
    {
        using var dicom = DicomFile.Open(file);
        return dicom.Dataset.GetString(DicomTag.SOPInstanceUID);
    }

    /// <summary>The index holds each instance in the syntax it came in, and a compressed one renders a thumbnail.</summary>
    private static async Task AssertStoredAsReceivedAsync(GatewayProcess gateway, string study, Dictionary<string, string> sent, CancellationToken ct)
    {
        using var instances = JsonDocument.Parse(await gateway.HttpClient.GetStringAsync($"/studies/{study}/instances", ct));
        var stored = instances.RootElement.EnumerateArray().ToDictionary(
            i => i.GetProperty("sopInstanceUid").GetString()!, i => i.GetProperty("transferSyntaxUid").GetString()!);
        Assert.Equal(sent.OrderBy(p => p.Key), stored.OrderBy(p => p.Key));
        var last = sent.Last();
        using var thumbnail = await gateway.HttpClient.GetAsync($"/studies/{study}/instances/{last.Key}/thumbnail", ct);
        Assert.True(thumbnail.IsSuccessStatusCode, $"thumbnail of an instance in {last.Value}: {(int)thumbnail.StatusCode} {await thumbnail.Content.ReadAsStringAsync(ct)}");
        Assert.Equal("image/png", thumbnail.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => _directory.Dispose();
}
