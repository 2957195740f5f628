using System.Text.Json;

namespace Airadcr.Web.ReportApi;

/// <summary>Body of the ReportApi's POST /airadcr/reports/query (AIRADCR extension).</summary>
public sealed record ReportListQuery
{
    public string? Status { get; init; }
    public string? Modality { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? Text { get; init; }
    public bool TextOnTechnicalIdOnly { get; init; }
    public IReadOnlyList<string>? TechnicalIds { get; init; }
    public IReadOnlyList<string>? ExcludeTechnicalIds { get; init; }
    public string? Sort { get; init; }
    public bool Descending { get; init; } = true;
    public int Offset { get; init; }
    public int Limit { get; init; } = 50;
}

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

public sealed record ReportListPage(bool Success, int Total, string Version, IReadOnlyList<ReportSummary> Items);

/// <summary>GET /pending-report's data.</summary>
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
    string CreatedAt);

public sealed record ReportEnvelope(bool Success, ReportData Data);

public sealed record ApiKeyInfo(string Id, string Name, string Prefix, bool IsActive, string CreatedAt, string? LastUsedAt);

public sealed record ApiKeyList(bool Success, IReadOnlyList<ApiKeyInfo> Keys);

public sealed record CreatedApiKey(bool Success, string Id, string Key, string Name, string Message);

public sealed record NavigationEvent(string TechnicalId, string NavigatedTo, string Timestamp);
