namespace Airadcr.DicomGateway.Synchronisation;

// The bodies of /admin/archives/compare and /admin/archives/sync (identifiers travel in bodies, never in URLs).

/// <summary>
/// <c>POST /admin/archives/compare</c>: the archives (ids, at least two) and exactly one of
/// <see cref="StudyInstanceUid"/> and <see cref="PatientId"/>.
/// </summary>
public sealed record CompareRequest(IReadOnlyList<string>? Archives, string? StudyInstanceUid, string? PatientId);

/// <summary>
/// <c>POST /admin/archives/sync</c>: either <see cref="Source"/> and <see cref="Destination"/> (one job), or
/// <see cref="Archives"/> (a whole comparison: one job per ordered pair, so that each archive gets what the others
/// hold); a scope (exactly one of <see cref="StudyInstanceUid"/> and <see cref="PatientId"/>); optionally the method
/// (<c>move</c>, <c>relay</c>; default: the pair's setting) and the conflict strategy (<c>skip</c>,
/// <c>source-of-truth</c>, <c>newest</c>; default <c>Gateway:Sync:DefaultConflict</c>).
/// </summary>
public sealed record SyncRequest(string? Source, string? Destination, IReadOnlyList<string>? Archives, string? StudyInstanceUid, string? PatientId,
    string? Method, string? Conflict);

public sealed record SyncQueued(IReadOnlyList<long> JobIds);

/// <summary>A job with its first instances (<c>GET /admin/archives/sync/jobs/{id}</c>).</summary>
public sealed record SyncJobDetail(SyncJob Job, IReadOnlyList<SyncItem> Items);
