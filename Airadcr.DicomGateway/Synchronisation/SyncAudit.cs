using Airadcr.Audit;

namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>
/// Every comparison and sync operation in the gateway's audit chain and its log (event ids 801+): scopes by keyed hash
/// (<see cref="AuditSubjects"/>), archives by their registry id, counts and reasons; never a patient identifier.
/// </summary>
public sealed partial class SyncAudit(AuditTrail trail, AuditSubjects subjects, ILogger<SyncAudit> logger)
{
    public string Subject(SyncScope scope) => scope.Kind switch
    {
        SyncScopeKind.Study => subjects.Study(scope.Value!),
        SyncScopeKind.Patient => subjects.Patient(scope.Value!),
        _ => "archives:all",
    };

    public void Compared(string actor, SyncScope scope, ArchiveComparison comparison)
    {
        var failed = comparison.Archives.Where(a => a.Status != "ok").Select(a => a.ArchiveId).ToList();
        trail.Record(new AuditEvent(actor, "archives-compare", Subject(scope),
            $"{comparison.Archives.Count} archive(s), {comparison.Studies.Count} study(ies), {comparison.Studies.Count(s => s.MissingIn.Count > 0)} incomplete, "
            + $"collision {(comparison.Collision ? "yes" : "no")}{(failed.Count > 0 ? ", failed: " + string.Join(' ', failed) : "")}"));
        LogCompared(logger, comparison.Archives.Count, comparison.Studies.Count, comparison.Collision, failed.Count);
    }

    public void Queued(string actor, long jobId, SyncScope scope, string source, string destination, TransferMethod method, ConflictStrategy conflict)
    {
        trail.Record(new AuditEvent(actor, "archives-sync-queued", Subject(scope),
            $"job {jobId}: {source} -> {destination} by {SyncJobStore.Name(method)}, conflicts {SyncJobStore.Name(conflict)}"));
        LogQueued(logger, jobId, source, destination);
    }

    public void Planned(SyncJob job, int copy, int skipped)
    {
        trail.Record(new AuditEvent("sync", "archives-sync-planned", Subject(job.ScopeOf()), $"job {job.JobId}: {copy} to copy, {skipped} skipped (conflict)"));
        LogPlanned(logger, job.JobId, copy, skipped);
    }

    public void Transferred(SyncJob job, int copied, int failed, string? reason)
    {
        trail.Record(new AuditEvent("sync", "archives-sync-transfer", Subject(job.ScopeOf()),
            $"job {job.JobId}: {copied} copied, {failed} failed{(reason is null ? "" : ": " + reason)}"));
        if (failed > 0)
        {
            LogTransferFailed(logger, job.JobId, failed, reason ?? "");
        }
    }

    public void Finished(SyncJob job, string state, SyncCounts counts, string? error)
    {
        trail.Record(new AuditEvent("sync", "archives-sync-finished", Subject(job.ScopeOf()),
            $"job {job.JobId} {state}: {counts.Copied} copied, {counts.Failed} failed, {counts.Skipped} skipped{(error is null ? "" : ": " + error)}"));
        LogFinished(logger, job.JobId, state, counts.Copied, counts.Failed, counts.Skipped);
    }

    public void Cancelled(string actor, long jobId)
    {
        trail.Record(new AuditEvent(actor, "archives-sync-cancelled", "sync-job:" + jobId));
        LogCancelled(logger, jobId);
    }

    [LoggerMessage(EventId = 801, Level = LogLevel.Information, Message = "Compared {Archives} archive(s): {Studies} study(ies), collision {Collision}, {Failed} archive(s) failed")]
    private static partial void LogCompared(ILogger logger, int archives, int studies, bool collision, int failed);

    [LoggerMessage(EventId = 802, Level = LogLevel.Information, Message = "Sync job {JobId} queued: {Source} -> {Destination}")]
    private static partial void LogQueued(ILogger logger, long jobId, string source, string destination);

    [LoggerMessage(EventId = 803, Level = LogLevel.Information, Message = "Sync job {JobId} planned: {Copy} instance(s) to copy, {Skipped} skipped")]
    private static partial void LogPlanned(ILogger logger, long jobId, int copy, int skipped);

    [LoggerMessage(EventId = 804, Level = LogLevel.Warning, Message = "Sync job {JobId}: {Failed} instance(s) not copied: {Reason}")]
    private static partial void LogTransferFailed(ILogger logger, long jobId, int failed, string reason);

    [LoggerMessage(EventId = 805, Level = LogLevel.Information, Message = "Sync job {JobId} {State}: {Copied} copied, {Failed} failed, {Skipped} skipped")]
    private static partial void LogFinished(ILogger logger, long jobId, string state, int copied, int failed, int skipped);

    [LoggerMessage(EventId = 806, Level = LogLevel.Information, Message = "Sync job {JobId} cancelled")]
    private static partial void LogCancelled(ILogger logger, long jobId);

    [LoggerMessage(EventId = 807, Level = LogLevel.Error, Message = "Sync pass failed: {Reason}")]
    public static partial void LogPassFailed(ILogger logger, string reason);
}
