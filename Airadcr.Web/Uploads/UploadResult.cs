namespace Airadcr.Web.Uploads;

/// <summary>What became of one uploaded file or ZIP entry: <c>stored</c>, <c>duplicate</c> or <c>rejected</c> (with the
/// reason), and for the first stored instance of each series an opaque preview link (no UID in it).</summary>
public sealed record UploadResult(string Name, string Outcome, string? Reason = null, string? Preview = null)
{
    public const string Rejected = "rejected";

    public static UploadResult Refused(string name, string reason) => new(name, Rejected, reason);
}

/// <summary>The answer to one uploaded file: one row per DICOM instance it held.</summary>
public sealed record UploadAnswer(string File, IReadOnlyList<UploadResult> Results);
