using System.Globalization;
using System.Net.Http.Json;
using Airadcr.DicomGateway.Synchronisation;
using Airadcr.Testing;
using static Airadcr.DicomGateway.Tests.Sync.SyncArchivesFixture;

namespace Airadcr.DicomGateway.Tests.Sync;

/// <summary>A sync job survives a restart of the gateway: stopped mid-job, the next host on the same storage finishes it.</summary>
[Collection(nameof(SyncArchivesCollection))]
public sealed class SyncRestartTests(SyncArchivesFixture archives)
{
    private const int Studies = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_gateway_stopped_mid_job_resumes_it_at_start_up_and_copies_what_was_still_pending()
    {
        using var storage = new FixtureDirectory("sync-restart");
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
        await using (var first = await StartAsync(storage.Path))
        {
            using var http = first.CreateClient();
            using var response = await http.PostAsJsonAsync("/admin/archives/sync", new { source = "a", destination = "b", patientId = patient }, Ct);
            jobId = Assert.Single((await response.Content.ReadFromJsonAsync<SyncQueued>(Ct))!.JobIds);
            do
            {
                atStop = (await http.GetFromJsonAsync<SyncJobDetail>($"/admin/archives/sync/jobs/{jobId}", Ct))!.Job;
            }
            while (atStop.Counts.Copied == 0 && SyncJob.ActiveStates.Contains(atStop.State) && !Ct.IsCancellationRequested);
        }
        await using var second = await StartAsync(storage.Path);
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

    private async Task<GatewayHost> StartAsync(string storagePath)
    {
        var settings = archives.Settings(storagePath);
        settings["Gateway:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var host = new GatewayHost(GatewayMode.Embedded, settings);
        await host.InitializeAsync();
        return host;
    }
}
