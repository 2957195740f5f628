using System.Globalization;
using System.Net.Http.Json;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.DicomGateway.Assembly;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>
/// A crash never loses an analysis job: kill -9 while one job runs and another waits; after the restart the
/// interrupted job runs again (embedded: re-queued from the outbox; server mode: its Redis stream entry reclaimed
/// with XAUTOCLAIM) and the waiting one is still queued.
/// </summary>
public sealed class AnalysisJobCrashTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("gateway-job-crash");

    [Theory]
    [InlineData(GatewayMode.Embedded)]
    [InlineData(GatewayMode.Server)]
    public async Task Jobs_survive_kill_9_the_interrupted_one_runs_again_and_the_waiting_one_stays_queued(GatewayMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var backends = await GatewayBackends.StartAsync(mode, ct);
        await using var inference = new HungHttpPeer();
        var settings = new Dictionary<string, string>(backends.Environment)
        {
            ["Gateway__InferenceUrl"] = inference.Url,
            ["Gateway__JobReclaimSeconds"] = "2",
        };
        var storage = _directory.Combine("storage");
        var dicomPort = FreePort.Next();
        var running = StudyOf(SyntheticInstances.WriteStudy(_directory.Combine("running"), 2), out var runningFiles);
        var waiting = StudyOf(SyntheticInstances.WriteStudy(_directory.Combine("waiting"), 2), out var waitingFiles);

        var gateway = await GatewayProcess.StartAsync(storage, dicomPort, _directory.Combine("gateway-1.log"), ct, settings: settings);
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, dicomPort, runningFiles, ct)).EnsureSuccess();
        await WaitForAsync(() => RequestsFor(inference, running) == 1, "the first analysis request", gateway, ct);
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, dicomPort, waitingFiles, ct)).EnsureSuccess();
        // Server mode waits for 'published', which the relay writes after its XADD. A kill between the two leaves
        // the job queued and already on the stream; the restarted relay then adds it again (at least once, run once),
        // and the stream holds one more entry than this test counts.
        var waitingState = mode == GatewayMode.Server ? "published" : "queued";
        await WaitForAsync(async () => (await JobsAsync(gateway, ct)).Any(j => j.StudyInstanceUid == waiting && j.State == waitingState),
            "the second study's job", gateway, ct);
        gateway.Kill();
        await gateway.DisposeAsync();
        if (mode == GatewayMode.Server)
        {
            // Server mode: the second job is on the stream already (the relay publishes a completed study's job at
            // once). The killed worker's entry becomes reclaimable JobReclaimSeconds after its last heartbeat; restarted
            // after that, the worker reclaims it before reading new entries, so the waiting job stays unread behind it.
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }

        await using var restarted = await GatewayProcess.StartAsync(storage, dicomPort, _directory.Combine("gateway-2.log"), ct, settings: settings);
        await WaitForAsync(() => RequestsFor(inference, running) == 2, "the interrupted analysis to run again", restarted, ct);

        var jobs = await JobsAsync(restarted, ct);
        var interrupted = Assert.Single(jobs, j => j.StudyInstanceUid == running);
        Assert.Equal(("running", 2), (interrupted.State, interrupted.Attempts));
        var queued = Assert.Single(jobs, j => j.StudyInstanceUid == waiting);
        Assert.Contains(queued.State, new[] { "queued", "published" });
        Assert.Equal(0, RequestsFor(inference, waiting));
        if (mode == GatewayMode.Server)
        {
            var depths = await restarted.HttpClient.GetFromJsonAsync<Apis.AdminApi.QueueDepths>("/admin/queues", ct);
            Assert.Equal(("redis-stream", 2L, 1L), (depths!.AnalysisTransport.Transport, depths.AnalysisTransport.StreamLength,
                depths.AnalysisTransport.StreamPending));
        }
    }

    private static string StudyOf(IReadOnlyList<string> files, out IReadOnlyList<string> paths)
    {
        paths = files;
        using var file = DicomFile.Open(files[0]);
        return file.Dataset.GetString(DicomTag.StudyInstanceUID)!;
    }

    private static int RequestsFor(HungHttpPeer inference, string study) => inference.Bodies.Count(body => body.Contains(study, StringComparison.Ordinal));

    private static Task<List<AnalysisJob>> JobsAsync(GatewayProcess gateway, CancellationToken ct) => GatewayWait.JobsAsync(gateway, ct);

    private static Task WaitForAsync(Func<bool> condition, string what, GatewayProcess gateway, CancellationToken ct) =>
        GatewayWait.UntilAsync(gateway, () => Task.FromResult(condition()), what, ct);

    private static Task WaitForAsync(Func<Task<bool>> condition, string what, GatewayProcess gateway, CancellationToken ct) =>
        GatewayWait.UntilAsync(gateway, condition, what, ct);

    public void Dispose() => _directory.Dispose();
}
