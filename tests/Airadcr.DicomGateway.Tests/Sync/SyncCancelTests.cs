using System.Net;
using System.Net.Http.Json;
using Airadcr.DicomGateway.Synchronisation;
using static Airadcr.DicomGateway.Tests.Sync.SyncArchivesFixture;

namespace Airadcr.DicomGateway.Tests.Sync;

/// <summary>Cancelling a running sync job through the API: it stops, what the destination confirmed stays copied, the rest is never reported copied.</summary>
[Collection(nameof(SyncArchivesCollection))]
public sealed class SyncCancelTests(SyncArchivesFixture archives)
{
    private const int Studies = 24;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cancelled_job_stops_keeps_what_was_confirmed_copied_and_leaves_the_rest_pending()
    {
        var patient = UniquePatient("CAN");
        for (var i = 0; i < Studies; i++)
        {
            await UploadAsync(archives.A, archives.WriteStudy($"cancel{i}", 1, patient, "DOE^JOHN", "19600101", "20240101"), Ct);
        }
        using var http = archives.Gateway.CreateClient();
        using var queued = await http.PostAsJsonAsync("/admin/archives/sync", new { source = "a", destination = "b", patientId = patient }, Ct);
        var jobId = Assert.Single((await queued.Content.ReadFromJsonAsync<SyncQueued>(Ct))!.JobIds);
        await WaitForFirstCopyAsync(http, jobId, Ct);

        using var cancel = await http.PostAsync($"/admin/archives/sync/jobs/{jobId}/cancel", null, Ct);
        // The runner takes one job at a time: a job queued after the cancel ends only once the runner has left the cancelled one.
        var next = Assert.Single(await SyncAsync(http, new { source = "b", destination = "a", patientId = UniquePatient("CAX") }, Ct));
        var cancelled = (await http.GetFromJsonAsync<SyncJobDetail>($"/admin/archives/sync/jobs/{jobId}?items=1000", Ct))!;
        using var again = await http.PostAsync($"/admin/archives/sync/jobs/{jobId}/cancel", null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        Assert.Equal("done", next.Job.State);
        Assert.Equal("cancelled", cancelled.Job.State);
        Assert.NotNull(cancelled.Job.FinishedAt);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode); // no longer queued or running
        var counts = cancelled.Job.Counts;
        Assert.Equal((Studies, 0, 0), (counts.Total, counts.Failed, counts.Skipped));
        Assert.InRange(counts.Copied, 1, Studies - 1);
        var copied = cancelled.Items.Where(item => item.State == "copied").ToList();
        var pending = cancelled.Items.Where(item => item.State == "pending").ToList();
        Assert.Equal((counts.Copied, counts.Pending), (copied.Count, pending.Count));
        foreach (var item in copied.Take(3).Concat(pending.Take(3)))
        {
            var inB = await FindscuInstancesAsync(archives.B, item.StudyInstanceUid, Ct);
            Assert.Equal(item.State == "copied", inB.Contains(item.SopInstanceUid));
        }
    }
}
