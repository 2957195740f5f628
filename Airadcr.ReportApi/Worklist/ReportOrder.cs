namespace Airadcr.ReportApi.Worklist;

/// <summary>The sort orders of the listing; ties broken by technical id so pages are stable.</summary>
public static class ReportOrder
{
    public static IEnumerable<ReportSummary> Apply(IEnumerable<ReportSummary> reports, string? sort, bool descending)
    {
        Func<ReportSummary, string> key = sort switch
        {
            "modality" => r => r.Modality ?? "",
            "status" => r => r.Status,
            "accession_number" => r => r.AccessionNumber ?? "",
            "patient_id" => r => r.PatientId ?? "",
            "technical_id" => r => r.TechnicalId,
            _ => r => r.CreatedAt.UtcTicks.ToString("D20", System.Globalization.CultureInfo.InvariantCulture),
        };
        return descending
            ? reports.OrderByDescending(key, StringComparer.Ordinal).ThenBy(r => r.TechnicalId, StringComparer.Ordinal)
            : reports.OrderBy(key, StringComparer.Ordinal).ThenBy(r => r.TechnicalId, StringComparer.Ordinal);
    }
}
