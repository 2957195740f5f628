using System.Text.Json;

namespace Airadcr.ReportApi.Domain;

/// <summary>
/// Everything a sender posts for one report. It is sealed (encrypted) as a whole at rest, and two posts of the
/// same technical id are "identical" when their contents are equal field by field.
/// </summary>
public sealed record ReportContent(
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
    int ExpiresInHours)
{
    public const string DefaultSourceType = "tauri_local";

    public ReportIdentifiers Identifiers => new(PatientId, AccessionNumber, ExamUid);
}
