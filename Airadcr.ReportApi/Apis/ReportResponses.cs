using System.Text.Json;
using Airadcr.ReportApi.Domain;

namespace Airadcr.ReportApi.Apis;

public sealed record HealthResponse(string Status, string Version, string Timestamp);

public sealed record StoreReportResponse(bool Success, string TechnicalId, string RetrievalUrl, string ExpiresAt);

public sealed record ReportEnvelope(bool Success, ReportData Data);

public sealed record FindReportResponse(bool Success, ReportData Data, string RetrievalUrl);

public sealed record DeleteReportResponse(bool Success, bool Deleted);

public sealed record OpenReportResponse(bool Success, string Message, string TechnicalId, string NavigatedTo);

/// <summary>A report as GET /pending-report and /find-report return it; absent optional fields are omitted.</summary>
public sealed record ReportData(
    string TechnicalId,
    string? PatientId,
    string? ExamUid,
    string? AccessionNumber,
    string? StudyInstanceUid,
    JsonElement Structured,
    string SourceType,
    IReadOnlyList<string>? AiModules,
    string? Modality,
    JsonElement? Metadata,
    string Status,
    string CreatedAt)
{
    /// <summary>AIRADCR extension: the radiologist's outcome (signed or rejected) once recorded; omitted before.</summary>
    public ReviewData? Review { get; init; }

    public static ReportData From(PendingReport report)
    {
        var c = report.Content;
        return new ReportData(c.TechnicalId, c.PatientId, c.ExamUid, c.AccessionNumber, c.StudyInstanceUid, c.Structured,
            c.SourceType, c.AiModules, c.Modality, c.Metadata, report.Status.ToWire(), WireFormat.Timestamp(report.CreatedAt))
        {
            Review = report.Review is { } review ? ReviewData.From(review) : null,
        };
    }
}

/// <summary>The <c>review</c> extension field: outcome, who, when (ISO 8601 UTC), the rejection's reason, the sections changed.</summary>
public sealed record ReviewData(string Outcome, string? ReviewedBy, string ReviewedAt, string? Reason, IReadOnlyList<string>? ModifiedSections)
{
    public static ReviewData From(ReportReview review) => new(review.Outcome, review.ReviewedBy, WireFormat.Timestamp(review.ReviewedAt),
        review.Reason, review.ModifiedSections);
}
