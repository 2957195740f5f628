using System.Net.Http.Json;
using Airadcr.DicomGateway.Synchronisation;
using Airadcr.Testing;
using static Airadcr.DicomGateway.Tests.Sync.SyncArchivesFixture;

namespace Airadcr.DicomGateway.Tests.Sync;

/// <summary>A sync job survives a restart of the gateway: stopped mid-job, the next host on the same storage and
/// database (SQLite in embedded mode, PostgreSQL in server mode) finishes it.</summary>
[Collection(nameof(SyncArchivesCollection))]
public sealed class SyncRestartTests(SyncArchivesFixture archives)
{
    private const int Studies = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(GatewayMode.Embedded)]
    [InlineData(GatewayMode.Server)]
    public async Task A_gateway_stopped_mid_job_resumes_it_at_start_up_and_copies_what_was_still_pending(GatewayMode mode)
    {
        using var storage = new FixtureDirectory("sync-restart");
        // Both hosts share the backends (one PostgreSQL database in server mode), started here rather than per host.
        await using var backends = await GatewayBackends.StartAsync(mode, Ct);
        var patient = UniquePatient("RST");
        var seeded = new List<SeededStudy>();
        for (var i = 0; i < Studies; i++)
        {
            var paths = archives.WriteStudy($"restart{i}", 1, patient, "DOE^JOHN", "19600101", "20240101");
            await UploadAsync(archives.A, paths, Ct);
            seeded.Add(Describe(paths));
        }

        long jobId;
        SyncJob atStop;
        await using (var first = await archives.StartGatewayAsync(backends.Settings, storage.Path))
        {
            using var http = first.CreateClient();
            using var response = await http.PostAsJsonAsync("/admin/archives/sync", new { source = "a", destination = "b", patientId = patient }, Ct);
            jobId = Assert.Single((await response.Content.ReadFromJsonAsync<SyncQueued>(Ct))!.JobIds);
            atStop = await WaitForFirstCopyAsync(http, jobId, Ct);
        }
        await using var second = await archives.StartGatewayAsync(backends.Settings, storage.Path);
        using var client = second.CreateClient();
        var finished = await WaitAsync(client, jobId, Ct);

        Assert.Equal("running", atStop.State);
        Assert.InRange(atStop.Counts.Pending, 1, Studies - 1);
        Assert.Equal(("done", new SyncCounts(0, Studies, 0, 0)), (finished.Job.State, finished.Job.Counts));
        foreach (var study in seeded.Where((_, i) => i % 5 == 0))
        {
            Assert.Equal(study.SopUids.ToHashSet(), await FindscuInstancesAsync(archives.B, study.StudyUid, Ct));
        }
    }
}
