using System.Net;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Hosting;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>
/// Runs sync jobs one at a time, oldest first; a job left running by a restart is taken up again first (its plan is
/// kept, its pending instances are copied). Planning: the censuses of source and destination (<see cref="ArchiveQuery"/>),
/// then <see cref="SyncPlanner"/>; an archive that cannot answer fails the job with the reason. Copy: series by
/// series through <see cref="SyncTransfer"/>; a cancelled job stops after the series in progress.
/// </summary>
public sealed class SyncRunner(
    SyncJobStore jobs,
    SyncArchives archives,
    SyncAudit audit,
    IOptions<GatewayOptions> options,
    GatewayPaths paths,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<SyncRunner> logger) : PeriodicService(TimeSpan.FromSeconds(1), time)
{
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Starts the next pass now (a job was queued).</summary>
    public void Wake() => _wake.Release();

    protected override Task? EarlyWake => _wake.WaitAsync();

    protected override void PassFailed(Exception error) => SyncAudit.LogPassFailed(logger, error.Message);

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        while (await jobs.NextAsync(cancellationToken) is { } job)
        {
            await RunAsync(job, cancellationToken);
        }
    }

    private async Task RunAsync(SyncJob job, CancellationToken cancellationToken)
    {
        var settings = options.Value.Sync;
        var source = await archives.FindAsync(job.Source, cancellationToken);
        var destination = await archives.FindAsync(job.Destination, cancellationToken);
        if (source is null || destination is null)
        {
            await FinishAsync(job, "failed", $"unknown archive {(source is null ? job.Source : job.Destination)}", cancellationToken);
            return;
        }
        if (!job.Planned && await PlanAsync(job, source, destination, cancellationToken) is { } failure)
        {
            await FinishAsync(job, "failed", failure, cancellationToken);
            return;
        }
        var transfer = new SyncTransfer(settings, options.Value.AeTitle, Time);
        var method = Enum.Parse<TransferMethod>(job.Method, ignoreCase: true);
        var pending = await jobs.PendingAsync(job.JobId, cancellationToken);
        await using var relay = method == TransferMethod.Relay && pending.Count > 0
            ? RelayListener.Start(settings, IPAddress.Parse(options.Value.BindAddress), Path.Combine(paths.StorageRoot, "sync-spool", job.JobId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                source.AeTitle, Time, loggers)
            : null;
        foreach (var series in pending.GroupBy(i => (i.StudyInstanceUid, i.SeriesInstanceUid)))
        {
            if ((await jobs.GetAsync(job.JobId, cancellationToken))?.State != "running")
            {
                return; // cancelled
            }
            var items = series.ToList();
            var outcome = relay is null
                ? await transfer.MoveAsync(source, destination, items, cancellationToken)
                : await transfer.RelayAsync(source, destination, relay, items, cancellationToken);
            await jobs.SettleAsync(job.JobId, outcome.Copied, "copied", null, cancellationToken);
            foreach (var reason in outcome.Failed.GroupBy(f => f.Value, f => f.Key))
            {
                await jobs.SettleAsync(job.JobId, reason, "failed", reason.Key, cancellationToken);
            }
            SyncMetrics.Transferred(job.Method, outcome.Copied.Count, outcome.Failed.Count);
            audit.Transferred(job, outcome.Copied.Count, outcome.Failed.Count, outcome.Failed.Values.FirstOrDefault());
        }
        var counts = (await jobs.GetAsync(job.JobId, cancellationToken))?.Counts;
        await FinishAsync(job, counts is { Failed: > 0 } ? "partial" : "done", null, cancellationToken);
    }

    /// <summary>Plans the job; null when done, else why it cannot run.</summary>
    private async Task<string?> PlanAsync(SyncJob job, SyncArchive source, SyncArchive destination, CancellationToken cancellationToken)
    {
        var settings = options.Value.Sync;
        var query = new ArchiveQuery(settings, options.Value.AeTitle, Time);
        var scope = job.ScopeOf();
        var censuses = await query.CensusesAsync([source, destination], scope, cancellationToken);
        if (censuses.FirstOrDefault(c => !c.Succeeded) is { } failed)
        {
            return $"archive {failed.Archive.Id} failed: {failed.Failure}";
        }
        var plan = SyncPlanner.Plan(censuses[0], censuses[1], Enum.Parse<ConflictStrategy>(job.Conflict.Replace("-", "", StringComparison.Ordinal), ignoreCase: true),
            settings.SourceOfTruth);
        await jobs.SavePlanAsync(job.JobId, plan, cancellationToken);
        audit.Planned(job, plan.Count(p => p.SkipReason is null), plan.Count(p => p.SkipReason is not null));
        return null;
    }

    private async Task FinishAsync(SyncJob job, string state, string? error, CancellationToken cancellationToken)
    {
        await jobs.FinishAsync(job.JobId, state, error, cancellationToken);
        var counts = (await jobs.GetAsync(job.JobId, cancellationToken))?.Counts ?? new SyncCounts(0, 0, 0, 0);
        SyncMetrics.Finished(state, Time.GetUtcNow() - job.CreatedAt);
        audit.Finished(job, state, counts, error);
    }
}
