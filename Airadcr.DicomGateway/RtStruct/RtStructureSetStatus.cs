namespace Airadcr.DicomGateway.RtStruct;

/// <summary>The states of a structure set.</summary>
public static class RtStructureSetState
{
    /// <summary>Some images its contours reference are not in the index yet.</summary>
    public const string Waiting = "waiting-for-images";

    public const string Queued = "queued";

    public const string Processing = "processing";

    /// <summary>Processed: its summary says, per ROI, what was computed or why not.</summary>
    public const string Processed = "processed";

    /// <summary>The set as a whole could not be read or processed (the reason says why).</summary>
    public const string Failed = "failed";
}

/// <summary>
/// A structure set as the API lists it: its opaque id, its study's keyed hash (<c>studyKey</c>, usable in a URL), the
/// study UID (in the body only, for the viewer), its state and the counts of its last check and processing.
/// </summary>
public sealed record RtStructureSetStatus(
    string SetId,
    string? StudyKey,
    string StudyInstanceUid,
    string State,
    string? Reason,
    int ReferencedCount,
    int MissingCount,
    int RoiCount,
    int RoiErrorCount,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ProcessedAt);

/// <summary>A page of structure sets.</summary>
public sealed record RtStructureSetPage(IReadOnlyList<RtStructureSetStatus> Items, int Total, int Offset, int Limit);
