using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.DicomGateway.Assembly;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>
/// An analysis attempt fails after its results may already have gone to the PACS (the ReportApi is down); the retry
/// makes the same SR and PDF instances (UIDs derived from the job), so the PACS (a real Orthanc) ends with one copy.
/// </summary>
public sealed class AnalysisRetryTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("analysis-retry");

    [Fact]
    public async Task A_retried_analysis_leaves_one_sr_and_one_pdf_in_the_pacs()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var neighbours = await AnalysisNeighbours.StartAsync(_directory, ct);
        // Nothing listens on the ReportApi's port until the first attempts have failed.
        await using var gateway = await GatewayProcess.StartAsync(_directory.Combine("storage"), FreePort.Next(),
            _directory.Combine("gateway.log"), ct, neighbours.GatewayHttpPort,
            new Dictionary<string, string>(neighbours.GatewaySettings()) { ["Gateway__MaxAnalysisAttempts"] = "10" });
        var files = SyntheticInstances.CtVolume(_directory.Combine("study"), slices: 12);
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, files, ct)).EnsureSuccess();
        var study = DicomFile.Open(files[0]).Dataset.GetString(DicomTag.StudyInstanceUID);

        await GatewayWait.UntilAsync(gateway, async () => (await JobAsync(gateway, ct))?.Attempts >= 2, "a second attempt (the first failed)", ct,
            seconds: 180);
        await using var reportApi = await neighbours.StartReportApiAsync(_directory, ct);
        await GatewayWait.UntilAsync(gateway, async () => (await JobAsync(gateway, ct))?.State == "done", "the job done", ct, seconds: 180);
        await GatewayWait.UntilAsync(gateway, async () =>
            (await gateway.HttpClient.GetFromJsonAsync<Apis.AdminApi.QueueDepths>("/admin/queues", ct))!.PacsPending == 0, "every PACS send done", ct);

        var results = await ResultInstancesAsync(neighbours.Orthanc, study, ct);
        Assert.Equal(2, results.Count);
        Assert.Single(results, sopClass => sopClass == DicomUids.EncapsulatedPDFStorage);
        Assert.Single(results, sopClass => sopClass.StartsWith("1.2.840.10008.5.1.4.1.1.88.", StringComparison.Ordinal)); // the AI SR
        Assert.True((await JobAsync(gateway, ct))!.Attempts >= 2);
    }

    /// <summary>SOP classes of the study's instances in the PACS that are not the CT images (the AI results).</summary>
    private static async Task<List<string>> ResultInstancesAsync(OrthancServer orthanc, string study, CancellationToken ct)
    {
        using var instances = JsonDocument.Parse(await orthanc.Client.GetStringAsync($"dicom-web/studies/{study}/instances", ct));
        return [.. instances.RootElement.EnumerateArray()
            .Select(instance => instance.GetProperty("00080016").GetProperty("Value")[0].GetString()!)
            .Where(sopClass => sopClass != DicomUids.CTImageStorage)];
    }

    private static async Task<AnalysisJob?> JobAsync(GatewayProcess gateway, CancellationToken ct) =>
        (await GatewayWait.JobsAsync(gateway, ct)).SingleOrDefault();

    public void Dispose() => _directory.Dispose();
}
