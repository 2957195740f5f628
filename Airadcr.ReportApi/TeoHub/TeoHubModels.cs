namespace Airadcr.ReportApi.TeoHub;

/// <summary>The AI report TÉO Hub returns under <c>result.structured_report</c>.</summary>
public sealed record TeoAiReport(string Title, string Results, string Conclusion);

/// <summary>
/// Body of <c>POST /th_post_approved_report</c>: the patient and study it belongs to and the approved text, plus
/// (when known) the fields the desktop app sends with it: <c>report_id</c>, <c>accession_number</c>,
/// <c>approved_text</c>, <c>radiologist_name</c>, <c>approval_timestamp</c> (ISO 8601), <c>modifications_made</c>,
/// <c>modified_sections</c>. Unknown ones are left out of the JSON.
/// </summary>
public sealed record TeoApprovedReport(string PatientId, string StudyUid, string ApprovedReport)
{
    public string? ReportId { get; init; }
    public string? AccessionNumber { get; init; }
    public string? ApprovedText { get; init; }
    public string? RadiologistName { get; init; }
    public string? ApprovalTimestamp { get; init; }
    public bool? ModificationsMade { get; init; }
    public IReadOnlyList<string>? ModifiedSections { get; init; }
}

/// <summary>TÉO Hub did not answer successfully after every retry.</summary>
public sealed class TeoHubException(string message, Exception? inner = null) : Exception(message, inner);
