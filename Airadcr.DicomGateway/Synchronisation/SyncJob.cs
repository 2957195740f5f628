namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>
/// A sync job: copy to <see cref="Destination"/> what <see cref="Source"/> holds in the scope and the destination
/// lacks. States: <c>queued</c> -> <c>running</c> -> <c>done</c> (every instance copied or skipped), <c>partial</c>
/// (some failed), <c>failed</c> (an archive could not be queried: <see cref="Error"/>), or <c>cancelled</c>.
/// Counts are per instance: <c>pending</c>, <c>copied</c> (the destination confirmed it), <c>failed</c> (with the
/// reason), <c>skipped</c> (a conflict the strategy does not copy).
/// </summary>
public sealed record SyncJob(
    long JobId,
    string Source,
    string Destination,
    string Method,
    string Conflict,
    string Scope,
    string? ScopeValue,
    string State,
    string RequestedBy,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    bool Planned,
    SyncCounts Counts)
{
    public static readonly string[] ActiveStates = ["queued", "running"];

    public SyncScope ScopeOf() => new(Enum.Parse<SyncScopeKind>(Scope, ignoreCase: true), ScopeValue);
}

public sealed record SyncCounts(int Pending, int Copied, int Failed, int Skipped)
{
    public int Total => Pending + Copied + Failed + Skipped;
}

/// <summary>One instance of a job and its progress.</summary>
public sealed record SyncItem(string SopInstanceUid, string StudyInstanceUid, string SeriesInstanceUid, string State, string? Error);

/// <summary>An instance to copy (or skip, with <see cref="SkipReason"/>), as planned from the censuses.</summary>
public sealed record PlannedItem(string StudyInstanceUid, string SeriesInstanceUid, string SopInstanceUid, string? SkipReason);
