using System.Net.Http.Json;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Synchronisation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Airadcr.DicomGateway.Tests.Sync.SyncArchivesFixture;

namespace Airadcr.DicomGateway.Tests.Sync;

/// <summary><c>Gateway:Sync:SyncInterval</c>: off by default (no job starts by itself); set, the scheduled pairs get jobs by themselves.</summary>
[Collection(nameof(SyncArchivesCollection))]
public sealed class SyncSchedulerTests(SyncArchivesFixture archives)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_sync_interval_no_job_is_ever_started_by_the_scheduler()
    {
        using var http = archives.Gateway.CreateClient();

        var jobs = (await http.GetFromJsonAsync<List<SyncJob>>("/admin/archives/sync/jobs?limit=1000", Ct))!;

        Assert.Null(archives.Gateway.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.Sync.SyncInterval);
        Assert.DoesNotContain(jobs, job => job.RequestedBy == "scheduler");
    }

    [Fact]
    public async Task With_a_sync_interval_a_scheduled_pair_is_compared_and_synced_by_itself()
    {
        var patient = UniquePatient("SCH");
        var paths = archives.WriteStudy("scheduled", 2, patient, "DOE^JOHN", "19600101", "20240101");
        await UploadAsync(archives.A, paths, Ct);
        var study = Describe(paths);
        await using var scheduled = await archives.StartGatewayAsync(new Dictionary<string, string>
        {
            ["Gateway:Sync:SyncInterval"] = "00:00:01",
            ["Gateway:Sync:Pairs:0:Scheduled"] = "true", // a -> b by C-MOVE
        });
        using var http = scheduled.CreateClient();

        SyncJob? job = null;
        for (var poll = 0; job is null && poll < 300; poll++) // a minute at most: the interval is one second
        {
            await Task.Delay(200, Ct);
            job = (await http.GetFromJsonAsync<List<SyncJob>>("/admin/archives/sync/jobs", Ct))!.LastOrDefault(j => j.RequestedBy == "scheduler");
        }
        Assert.True(job is not null, "the scheduler queued no job");
        var finished = await WaitAsync(http, job.JobId, Ct);

        Assert.Equal(("a", "b", "move", "everything"), (finished.Job.Source, finished.Job.Destination, finished.Job.Method, finished.Job.Scope));
        Assert.Equal("done", finished.Job.State);
        Assert.Equal(study.SopUids.ToHashSet(), await FindscuInstancesAsync(archives.B, study.StudyUid, Ct));
    }
}
