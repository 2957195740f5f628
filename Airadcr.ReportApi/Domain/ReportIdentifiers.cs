namespace Airadcr.ReportApi.Domain;

/// <summary>The RIS identifiers a report can be searched by; the ones given combine with AND.</summary>
public sealed record ReportIdentifiers(string? PatientId, string? AccessionNumber, string? ExamUid)
{
    public bool IsEmpty =>
        string.IsNullOrEmpty(PatientId) && string.IsNullOrEmpty(AccessionNumber) && string.IsNullOrEmpty(ExamUid);
}
