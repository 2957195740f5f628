namespace Airadcr.ReportApi.Worklist;

/// <summary>The filters of a listing query that need the decrypted summary (modality, free text, technical id sets).</summary>
public sealed class ReportFilter
{
    private readonly string? modality;
    private readonly string? text;
    private readonly bool technicalIdOnly;
    private readonly HashSet<string>? only;
    private readonly HashSet<string>? excluded;

    public ReportFilter(ReportListQuery query)
    {
        modality = string.IsNullOrWhiteSpace(query.Modality) ? null : query.Modality.Trim();
        text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim();
        technicalIdOnly = query.TextOnTechnicalIdOnly;
        only = query.TechnicalIds is null ? null : new HashSet<string>(query.TechnicalIds, StringComparer.Ordinal);
        excluded = query.ExcludeTechnicalIds is { Count: > 0 } ex ? new HashSet<string>(ex, StringComparer.Ordinal) : null;
    }

    public bool Matches(ReportSummary report) =>
        (modality is null || string.Equals(report.Modality, modality, StringComparison.OrdinalIgnoreCase))
        && (only is null || only.Contains(report.TechnicalId))
        && (excluded is null || !excluded.Contains(report.TechnicalId))
        && (text is null || Contains(report.TechnicalId) || (!technicalIdOnly && (Contains(report.AccessionNumber) || Contains(report.PatientId))));

    private bool Contains(string? value) => value is not null && value.Contains(text!, StringComparison.OrdinalIgnoreCase);
}
