using Airadcr.Audit;

namespace Airadcr.DicomGateway.Archives;

/// <summary>
/// The archives' auditable events in the gateway's audit chain: every registry change (committed before the answer)
/// and every federated search (queued). An archive is named by its id (infrastructure, not a patient); a search by the
/// keyed hash of its criteria (<see cref="AuditSubjects.Query"/>) with per-archive outcomes and counts, never the criteria.
/// </summary>
public sealed class ArchiveAudit(AuditTrail trail, AuditSubjects subjects)
{
    /// <summary><paramref name="action"/>: <c>archive-added</c>, <c>archive-updated</c>, <c>archive-enabled</c>, ...</summary>
    public Task ChangedAsync(string actor, string action, string archiveId, string? detail, CancellationToken cancellationToken) =>
        trail.RecordAsync(new AuditEvent(actor, action, Subject(archiveId), detail), cancellationToken);

    /// <summary>A connectivity test of an archive and its outcome.</summary>
    public void Tested(string actor, string archiveId, string outcome) =>
        trail.Record(new AuditEvent(actor, "archive-tested", Subject(archiveId), outcome));

    /// <summary>A federated search: the criteria's keyed hash, and per archive its status and match count.</summary>
    public void Searched(string actor, string canonicalCriteria, string outcome) =>
        trail.Record(new AuditEvent(actor, "archive-search", subjects.Query(canonicalCriteria), outcome));

    private static string Subject(string archiveId) => "archive:" + archiveId;
}
