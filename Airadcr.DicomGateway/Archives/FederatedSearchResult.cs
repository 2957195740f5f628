namespace Airadcr.DicomGateway.Archives;

/// <summary>How one archive's part of a search ended: <c>ok</c>, <c>failed</c> (with the reason) or <c>timeout</c>.</summary>
public static class ArchiveSearchStatus
{
    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string Timeout = "timeout";
}

/// <summary>
/// One archive's part of a federated search: its status, why it failed, how long it took, how many matches it gave,
/// whether they are only part of its answer (<paramref name="Partial"/>: cut by the timeout, a failure or the cap) and
/// how it was asked (<c>c-find</c> or <c>qido-rs</c>).
/// </summary>
public sealed record ArchiveSearchOutcome(string Id, string Name, ArchiveRole Role, string Status, string? Reason, long ElapsedMs, int Count,
    bool Partial, string Via);

/// <summary>
/// A study merged by Study Instance UID: its attributes (from the first archive holding it, primary first), per archive
/// id whether it holds it (<c>true</c>/<c>false</c>; <c>null</c> when that archive did not answer completely and did
/// not list it), and the attributes whose values differ between archives.
/// </summary>
public sealed record FederatedStudy(ArchiveStudy Attributes, IReadOnlyDictionary<string, bool?> Presence, IReadOnlyList<string> Conflicts)
{
    public string StudyInstanceUid => Attributes.StudyInstanceUid;
}

/// <summary>One page of a federated search (newest study first), the number of distinct studies found, and each archive's outcome.</summary>
public sealed record FederatedSearchResult(IReadOnlyList<FederatedStudy> Studies, int Total, int Page, int PageSize,
    IReadOnlyList<ArchiveSearchOutcome> Archives);
