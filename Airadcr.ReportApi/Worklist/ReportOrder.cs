namespace Airadcr.ReportApi.Worklist;

/// <summary>The sort orders of the listing; ties broken by technical id so pages are stable.</summary>
public static class ReportOrder
{
    public static IEnumerable<ReportSummary> Apply(IEnumerable<ReportSummary> reports, string? sort, bool descending) => sort switch
    {
        "modality" => By(reports, r => r.Modality ?? "", descending),
        "status" => By(reports, r => r.Status, descending),
        "accession_number" => By(reports, r => r.AccessionNumber ?? "", descending),
        "patient_id" => By(reports, r => r.PatientId ?? "", descending),
        "technical_id" => By(reports, r => r.TechnicalId, descending),
        _ => descending
            ? reports.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.TechnicalId, StringComparer.Ordinal)
            : reports.OrderBy(r => r.CreatedAt).ThenBy(r => r.TechnicalId, StringComparer.Ordinal),
    };

    private static IEnumerable<ReportSummary> By(IEnumerable<ReportSummary> reports, Func<ReportSummary, string> key, bool descending) =>
        descending
            ? reports.OrderByDescending(key, StringComparer.Ordinal).ThenBy(r => r.TechnicalId, StringComparer.Ordinal)
            : reports.OrderBy(key, StringComparer.Ordinal).ThenBy(r => r.TechnicalId, StringComparer.Ordinal);
}
