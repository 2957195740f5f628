using Airadcr.DicomGateway.Hosting;
using Airadcr.DicomGateway.Logging;

namespace Airadcr.DicomGateway.Analysis;

/// <summary>
/// Server mode: moves due jobs from the outbox table onto the Redis stream (XADD, then state <c>published</c>). A crash
/// between the two publishes the job again; the worker's database claim makes the repeat a no-op. Runs every 250 ms
/// (jobs due after a retry delay, jobs of another gateway instance) and at once when a study of this instance completes.
/// </summary>
public sealed class AnalysisJobRelay(AnalysisJobStore jobs, RedisAnalysisJobSource stream, AnalysisWakeUp wakeUp, TimeProvider time,
    ILogger<AnalysisJobRelay> logger) : PeriodicService(TimeSpan.FromMilliseconds(250), time)
{
    protected override Task? EarlyWake => wakeUp.Next;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => RelayDueAsync(cancellationToken);

    protected override void PassFailed(Exception error) => logger.RelayFailed(error.Message);

    /// <summary>Publishes every due queued job and wakes the worker; returns how many.</summary>
    public async Task<int> RelayDueAsync(CancellationToken cancellationToken)
    {
        var due = await jobs.DueQueuedAsync(100, cancellationToken);
        foreach (var job in due)
        {
            await stream.PublishAsync(job, cancellationToken);
        }
        if (due.Count > 0)
        {
            wakeUp.Notify();
        }
        return due.Count;
    }
}
