using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.DicomGateway.Assembly;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.RtStruct;
using Airadcr.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Airadcr.DicomGateway.Tests.RtStruct;

/// <summary>
/// RT structure sets received by the gateway (issue 23, item 3): processed automatically once the images they
/// reference are indexed, whichever arrives first; bad input is a per-ROI error, never a crash; on-demand processing
/// and result downloads over the admin API. Run against SQLite (embedded) and PostgreSQL (server mode).
/// </summary>
public abstract class RtStructGatewayTests(GatewayHost gateway) : IDisposable
{
    private readonly FixtureDirectory _directory = new("rtstruct-gateway");

    private static readonly string[] RoiNames = ["GTV", "PTV_box"];

    [Fact]
    public async Task A_structure_set_stored_before_its_images_waits_for_them_then_is_processed_when_they_arrive()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = RtStructGateway.WriteStudy(_directory.Combine("before"));
        using var http = gateway.CreateClient();

        await StoreAsync([study.StructureSetFile], ct);
        var waiting = await RtStructGateway.WaitForSetAsync(http, study.StudyInstanceUid,
            set => set.State == RtStructureSetState.Waiting && set.ReferencedCount > 0, "the set waiting for its images", ct);
        Assert.Equal((study.ImageFiles.Count, study.ImageFiles.Count), (waiting.ReferencedCount, waiting.MissingCount));

        await StoreAsync(study.ImageFiles.Take(5), ct);
        await StoreAsync(study.ImageFiles.Skip(5), ct);
        var processed = await RtStructGateway.WaitForSetAsync(http, study.StudyInstanceUid,
            set => set.State == RtStructureSetState.Processed, "the set processed once its images arrived", ct);
        Assert.Equal((0, 2, 0), (processed.MissingCount, processed.RoiCount, processed.RoiErrorCount));
        await AssertSummaryAsync(http, processed.SetId, ct);
    }

    [Fact]
    public async Task A_structure_set_stored_after_its_images_is_processed_and_does_not_start_an_analysis_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = RtStructGateway.WriteStudy(_directory.Combine("after"));
        using var http = gateway.CreateClient();
        await StoreAsync(study.ImageFiles, ct);
        var studyBefore = await Index.GetStudyAsync(study.StudyInstanceUid, ct);

        await StoreAsync([study.StructureSetFile], ct);
        var processed = await RtStructGateway.WaitForSetAsync(http, study.StudyInstanceUid,
            set => set.State == RtStructureSetState.Processed, "the set processed", ct);
        Assert.Equal((study.ImageFiles.Count, 0, 2, 0), (processed.ReferencedCount, processed.MissingCount, processed.RoiCount, processed.RoiErrorCount));
        var summary = await AssertSummaryAsync(http, processed.SetId, ct);
        // The sphere (r = 6 mm, 0.9 cc) measured on this coarse grid: within a factor of two, the library's tests check precision.
        var sphere = summary.GetProperty("rois")[0];
        Assert.InRange(sphere.GetProperty("volume_cc").GetDouble(), 0.45, 1.8);
        Assert.Equal([255, 0, 0], sphere.GetProperty("color").EnumerateArray().Select(c => c.GetInt32()));
        foreach (var file in new[] { sphere.GetProperty("files").GetProperty("nifti").GetString(), sphere.GetProperty("files").GetProperty("stl").GetString() })
        {
            using var download = await http.GetAsync($"/admin/rtstruct/{processed.SetId}/files/{file}", ct);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        }
        // The RTSTRUCT neither reopened the CT study (a second analysis) nor moved its last arrival.
        var studyAfter = await Index.GetStudyAsync(study.StudyInstanceUid, ct);
        Assert.Equal(studyBefore!.LastReceivedAt, studyAfter!.LastReceivedAt);
    }

    [Fact]
    public async Task A_structure_set_arriving_alone_makes_a_complete_study_that_no_analysis_is_queued_for()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = RtStructGateway.WriteStudy(_directory.Combine("alone"));
        await StoreAsync([study.StructureSetFile], ct);

        var summary = await Index.GetStudyAsync(study.StudyInstanceUid, ct);
        Assert.Equal(("complete", 1), (summary!.State, summary.InstanceCount)); // never "receiving": the assembler cannot pick it
        var jobs = await gateway.Services.GetRequiredService<AnalysisJobQueue>().ListAsync(null, ct);
        Assert.DoesNotContain(jobs, job => job.StudyInstanceUid == study.StudyInstanceUid);
    }

    [Fact]
    public async Task Contours_on_images_of_another_frame_of_reference_wait_and_processed_on_demand_give_per_roi_errors_not_a_crash()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = RtStructGateway.WriteStudy(_directory.Combine("foreign"));
        var foreign = RtStructGateway.WriteForeignStructureSet(study, _directory.Combine("foreign-rs.dcm"));
        using var http = gateway.CreateClient();
        await StoreAsync([.. study.ImageFiles, foreign], ct);
        var waiting = await RtStructGateway.WaitForSetAsync(http, study.StudyInstanceUid,
            set => set.State == RtStructureSetState.Waiting && set.ReferencedCount > 0, "the set waiting for images that never come", ct);
        Assert.Equal(waiting.ReferencedCount, waiting.MissingCount);

        using var process = await http.PostAsync($"/admin/rtstruct/{waiting.SetId}/process", null, ct);
        Assert.Equal(HttpStatusCode.Accepted, process.StatusCode);
        var processed = await RtStructGateway.WaitForSetAsync(http, study.StudyInstanceUid,
            set => set.State == RtStructureSetState.Processed, "the set processed on demand", ct);
        Assert.Equal((2, 2), (processed.RoiCount, processed.RoiErrorCount));
        var summary = await AssertSummaryAsync(http, processed.SetId, ct);
        Assert.All(summary.GetProperty("rois").EnumerateArray(), roi => Assert.False(string.IsNullOrEmpty(roi.GetProperty("error").GetString())));
    }

    [Fact]
    public async Task A_real_structure_set_without_its_images_is_processed_with_an_error_per_roi_and_again_on_demand()
    {
        var ct = TestContext.Current.CancellationToken;
        // pydicom's RTSTRUCT: its contours name no image, and the CT they were drawn on is not in the corpus.
        var file = PydicomCorpus.File("rtstruct.dcm");
        var studyUid = Airadcr.Dicom.IO.DicomFile.Open(file).Dataset.GetStringOrDefault(Airadcr.Dicom.DicomTag.StudyInstanceUID)!;
        using var http = gateway.CreateClient();
        await StoreAsync([file], ct);
        var processed = await RtStructGateway.WaitForSetAsync(http, studyUid, set => set.State is RtStructureSetState.Processed or RtStructureSetState.Failed,
            "the set processed (it waits for no image)", ct);
        Assert.Equal((RtStructureSetState.Processed, 0), (processed.State, processed.ReferencedCount));
        Assert.True(processed.RoiCount > 0);
        Assert.Equal(processed.RoiCount, processed.RoiErrorCount);

        using var process = await http.PostAsync($"/admin/rtstruct/{processed.SetId}/process", null, ct);
        Assert.Equal(HttpStatusCode.Accepted, process.StatusCode);
        var again = await RtStructGateway.WaitForSetAsync(http, studyUid,
            set => set.State == RtStructureSetState.Processed && set.Attempts > processed.Attempts, "the set processed again on demand", ct);
        Assert.Equal(processed.RoiCount, again.RoiErrorCount);
    }

    [Fact]
    public async Task An_unreadable_structure_set_fails_with_a_reason_and_the_gateway_goes_on()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = RtStructGateway.WriteStudy(_directory.Combine("broken"));
        var broken = _directory.Combine("broken-rs.dcm");
        var dataset = Airadcr.Dicom.IO.DicomFile.Open(study.StructureSetFile).Dataset;
        dataset.Remove(Airadcr.Dicom.DicomTag.StructureSetROISequence);
        dataset.Remove(Airadcr.Dicom.DicomTag.ROIContourSequence);
        dataset.Remove(Airadcr.Dicom.DicomTag.ReferencedFrameOfReferenceSequence);
        Airadcr.Dicom.IO.DicomFileWriter.Write(broken, new Airadcr.Dicom.IO.DicomFile(dataset), Airadcr.Dicom.DicomTransferSyntax.ExplicitVRLittleEndian);
        using var http = gateway.CreateClient();

        await StoreAsync([broken], ct);
        var failed = await RtStructGateway.WaitForSetAsync(http, study.StudyInstanceUid,
            set => set.State is RtStructureSetState.Failed or RtStructureSetState.Processed, "the broken set settled", ct);
        Assert.Equal(RtStructureSetState.Failed, failed.State);
        Assert.False(string.IsNullOrWhiteSpace(failed.Reason));
        (await DcmtkTools.EchoAsync(GatewayHost.AeTitle, gateway.DicomPort, ct)).EnsureSuccess();
    }

    [Fact]
    public async Task Processing_on_demand_runs_again_and_downloads_serve_only_the_sets_own_files()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = RtStructGateway.WriteStudy(_directory.Combine("on-demand"));
        using var http = gateway.CreateClient();
        await StoreAsync([.. study.ImageFiles, study.StructureSetFile], ct);
        var first = await RtStructGateway.WaitForSetAsync(http, study.StudyInstanceUid,
            set => set.State == RtStructureSetState.Processed, "the first processing", ct);

        using (var again = await http.PostAsync($"/admin/rtstruct/{first.SetId}/process", null, ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }
        var second = await RtStructGateway.WaitForSetAsync(http, study.StudyInstanceUid,
            set => set.State == RtStructureSetState.Processed && set.ProcessedAt > first.ProcessedAt, "the second processing", ct);
        Assert.Equal(first.Attempts + 1, second.Attempts);

        var detail = await http.GetFromJsonAsync<RtStructApi.RtStructureSetDetail>($"/admin/rtstruct/{first.SetId}", ct);
        Assert.Contains(detail!.Files, file => file.Name == RtStructResults.SummaryFileName);
        foreach (var file in detail.Files)
        {
            using var download = await http.GetAsync($"/admin/rtstruct/{first.SetId}/files/{file.Name}", ct);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(file.SizeBytes, (await download.Content.ReadAsByteArrayAsync(ct)).LongLength);
        }
        foreach (var escape in new[] { "..%2F..%2Fgateway.db", "../../gateway.db", "%2E%2E/%2E%2E/gateway.db", ".hidden", "a/../../b" })
        {
            using var refused = await http.GetAsync($"/admin/rtstruct/{first.SetId}/files/{escape}", ct);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
        using (var unknown = await http.GetAsync($"/admin/rtstruct/{new string('0', 32)}", ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        using (var badKey = await http.GetAsync("/admin/rtstruct?study=..%2Fx", ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
        }
        var ofStudy = await http.GetFromJsonAsync<RtStructureSetPage>($"/admin/rtstruct?study={first.StudyKey}", ct);
        Assert.Equal(first.SetId, Assert.Single(ofStudy!.Items).SetId);
    }

    private InstanceIndex Index => gateway.Services.GetRequiredService<InstanceIndex>();

    private async Task StoreAsync(IEnumerable<string> files, CancellationToken ct) =>
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, files, ct)).EnsureSuccess();

    /// <summary>summary.json, downloaded: its ROIs are the study's, by name.</summary>
    private static async Task<JsonElement> AssertSummaryAsync(HttpClient http, string setId, CancellationToken ct)
    {
        var summary = await http.GetFromJsonAsync<JsonElement>($"/admin/rtstruct/{setId}/summary.json", ct);
        Assert.Equal(RoiNames, summary.GetProperty("rois").EnumerateArray().Select(roi => roi.GetProperty("name").GetString()));
        return summary;
    }

    public void Dispose()
    {
        _directory.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Structure sets in embedded mode (SQLite).</summary>
[Collection(nameof(GatewayCollection))]
public sealed class EmbeddedRtStructGatewayTests(EmbeddedGatewayHost gateway) : RtStructGatewayTests(gateway);

/// <summary>Structure sets in server mode (PostgreSQL, Redis).</summary>
[Collection(nameof(ServerModeGatewayCollection))]
public sealed class ServerModeRtStructGatewayTests(ServerModeGatewayHost gateway) : RtStructGatewayTests(gateway);
