namespace Airadcr.Web.Data;

/// <summary>The radiologist's work on one report: the edited text (a draft) and, once signed, who signed and when.</summary>
public sealed class ReportReview
{
    public required string TechnicalId { get; set; }
    public ReviewStatus Status { get; set; }
    public string Title { get; set; } = "";
    public string Indication { get; set; } = "";
    public string Technique { get; set; } = "";
    public string Results { get; set; } = "";
    public string Conclusion { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public string? SignedBy { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    /// <summary>What happened to the signed SR + PDF: "sent to PACS", or why not; for a rejection, its reason.</summary>
    public string? PublishOutcome { get; set; }
}

public enum ReviewStatus
{
    Draft,
    Signed,
    /// <summary>The radiologist rejected the AI results (with a reason): nothing AI reaches the PACS; final, like Signed.</summary>
    Rejected,
}
