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
    public static ReportData From(PendingReport report)
    {
        var c = report.Content;
        return new ReportData(c.TechnicalId, c.PatientId, c.ExamUid, c.AccessionNumber, c.StudyInstanceUid, c.Structured,
            c.SourceType, c.AiModules, c.Modality, c.Metadata, report.Status.ToWire(), WireFormat.Timestamp(report.CreatedAt));
    }
}
