using Airadcr.Audit.Checkpoints;

namespace Airadcr.Audit.Storage;

/// <summary>
/// The chain (<c>audit_chain</c>) and its checkpoints (<c>audit_checkpoint</c>) in the service's own database. Appends
/// are serialized across every writer of that database (other threads, other processes, other replicas): no two
/// entries get the same seq and each links to the one before it.
/// </summary>
public interface IAuditStore
{
    /// <summary>Engine name for logs (<c>sqlite</c>, <c>postgresql</c>).</summary>
    string Engine { get; }

    /// <summary>Appends <paramref name="events"/> in order, in one transaction, and returns their entries.</summary>
    Task<IReadOnlyList<AuditEntry>> AppendAsync(string service, IReadOnlyList<AuditEvent> events, DateTimeOffset time,
        CancellationToken cancellationToken);

    /// <summary>The last entry, or null for an empty chain.</summary>
    Task<AuditEntry?> HeadAsync(CancellationToken cancellationToken);

    /// <summary>Every entry from <paramref name="fromSeq"/> on, in seq order.</summary>
    IAsyncEnumerable<AuditEntry> ReadAsync(long fromSeq, CancellationToken cancellationToken);

    /// <summary>The newest entries first (optionally of one action), at most <paramref name="count"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> LatestAsync(string? action, int count, CancellationToken cancellationToken);

    /// <summary>Stores a checkpoint (one per seq: a second one for the same seq is ignored).</summary>
    Task AddCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Every stored checkpoint, in seq order.</summary>
    Task<IReadOnlyList<AuditCheckpoint>> CheckpointsAsync(CancellationToken cancellationToken);
}
