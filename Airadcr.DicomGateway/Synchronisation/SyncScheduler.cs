using Airadcr.DicomGateway.Configuration;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>
/// Every <see cref="SyncOptions.SyncInterval"/> (off when unset), a job per pair marked scheduled: every study of the
/// source the destination lacks, with the default conflict strategy; none while the pair already has a job to run.
/// </summary>
public sealed class SyncScheduler(SyncJobStore jobs, SyncArchives archives, SyncRunner runner, SyncAudit audit, IOptions<GatewayOptions> options,
    TimeProvider time, ILogger<SyncScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Sync.SyncInterval is not { } interval || interval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await QueueScheduledAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                SyncAudit.LogPassFailed(logger, error.Message);
            }
        }
    }

    /// <summary>Queues a job for each scheduled pair without one; returns how many.</summary>
    public async Task<int> QueueScheduledAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Sync;
        var queued = 0;
        foreach (var pair in settings.Pairs.Where(p => p.Scheduled))
        {
            if (await jobs.ActiveForPairAsync(pair.Source, pair.Destination, cancellationToken))
            {
                continue;
            }
            var method = archives.MethodFor(pair.Source, pair.Destination);
            var id = await jobs.CreateAsync(pair.Source, pair.Destination, method, settings.DefaultConflict, SyncScope.Everything, "scheduler", cancellationToken);
            audit.Queued("scheduler", id, SyncScope.Everything, pair.Source, pair.Destination, method, settings.DefaultConflict);
            queued++;
        }
        if (queued > 0)
        {
            runner.Wake();
        }
        return queued;
    }
}
