namespace Airadcr.ReportApi.Domain;

/// <summary>
/// AIRADCR extension: the radiologist's outcome of a report (signed or rejected), recorded by the Web when the report
/// is signed (<c>POST /airadcr/reports/{tid}/approved</c>) or rejected (<c>POST /airadcr/reports/{tid}/review</c>), and
/// returned as the report's <c>review</c> field so that a RIS asking <c>/find-report</c> can tell them apart. The
/// spec's <c>status</c> values are unchanged. Sealed at rest like the report (a reason may name the patient).
/// </summary>
public sealed record ReportReview(
    string Outcome,
    string? ReviewedBy,
    DateTimeOffset ReviewedAt,
    string? Reason = null,
    IReadOnlyList<string>? ModifiedSections = null);

public static class ReviewOutcomes
{
    public const string Signed = "signed";
    public const string Rejected = "rejected";

    public static bool IsKnown(string? outcome) => outcome is Signed or Rejected;
}

/// <summary>What recording a review did: recorded now, the same outcome was already there, another outcome was.</summary>
public enum ReviewRecordResult
{
    NotFound,
    Recorded,
    AlreadyRecorded,
    Conflict,
}
