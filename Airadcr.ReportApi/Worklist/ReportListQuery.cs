namespace Airadcr.ReportApi.Worklist;

/// <summary>
/// POST /airadcr/reports/query body (AIRADCR extension, outside the Desktop API v2.0 contract): filters, sort and
/// page of the server-to-server report listing. Every filter is optional; <c>text</c> matches technical id,
/// accession number and patient id (case-insensitive substring).
/// </summary>
public sealed record ReportListQuery
{
    public const int MaxLimit = 500;

    /// <summary>pending | retrieved.</summary>
    public string? Status { get; init; }
    public string? Modality { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? Text { get; init; }
    /// <summary>True: <c>text</c> matches the technical id only (a de-identified caller must not probe identifiers).</summary>
    public bool TextOnTechnicalIdOnly { get; init; }
    /// <summary>Only these technical ids (the Web's reviewed reports).</summary>
    public IReadOnlyList<string>? TechnicalIds { get; init; }
    /// <summary>Never these technical ids.</summary>
    public IReadOnlyList<string>? ExcludeTechnicalIds { get; init; }
    /// <summary>created_at (default) | modality | status | accession_number | patient_id | technical_id.</summary>
    public string? Sort { get; init; }
    public bool Descending { get; init; } = true;
    public int Offset { get; init; }
    public int Limit { get; init; } = 50;
}

/// <summary>One row of the listing: the report's identifiers and headline, never its full text.</summary>
public sealed record ReportSummary(
    string TechnicalId,
    string? PatientId,
    string? AccessionNumber,
    string? ExamUid,
    string? StudyInstanceUid,
    string? Modality,
    string? Title,
    string SourceType,
    IReadOnlyList<string>? AiModules,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);

/// <summary>The page, the number of matching reports, and a version that changes whenever a report arrives or leaves.</summary>
public sealed record ReportListPage(bool Success, int Total, string Version, IReadOnlyList<ReportSummary> Items);
