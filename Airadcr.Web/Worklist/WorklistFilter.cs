namespace Airadcr.Web.Worklist;

/// <summary>What the reviewer filters the worklist by. Status: all, pending, retrieved (ReportApi) or draft, signed (Web).</summary>
public sealed record WorklistFilter
{
    public string Status { get; init; } = WorklistStatuses.All;
    public string? Modality { get; init; }
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    public string? Text { get; init; }
    public string Sort { get; init; } = "created_at";
    public bool Descending { get; init; } = true;
}

public static class WorklistStatuses
{
    public const string All = "all";
    public const string Pending = "pending";
    public const string Retrieved = "retrieved";
    public const string Draft = "draft";
    public const string Signed = "signed";
    public const string Rejected = "rejected";

    public static readonly IReadOnlyList<string> Choices = [All, Pending, Retrieved, Draft, Signed, Rejected];
}

/// <summary>One worklist line. Identifiers are null for a researcher.</summary>
public sealed record WorklistRow(
    string TechnicalId,
    string? PatientId,
    string? AccessionNumber,
    string? Modality,
    string? Title,
    string Status,
    DateTimeOffset CreatedAt);

public sealed record WorklistPage(int Total, string Version, IReadOnlyList<WorklistRow> Rows);
