namespace Airadcr.ReportApi.TeoHub;

/// <summary>The AI report TÉO Hub returns under <c>result.structured_report</c>.</summary>
public sealed record TeoAiReport(string Title, string Results, string Conclusion);

/// <summary>Body of <c>POST /th_post_approved_report</c>.</summary>
public sealed record TeoApprovedReport(string PatientId, string StudyUid, string ApprovedReport);

/// <summary>TÉO Hub did not answer successfully after every retry.</summary>
public sealed class TeoHubException(string message, Exception? inner = null) : Exception(message, inner);
