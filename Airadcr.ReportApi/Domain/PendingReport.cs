namespace Airadcr.ReportApi.Domain;

/// <summary>A report waiting for the radiologist: its content plus its lifecycle.</summary>
public sealed record PendingReport(
    ReportContent Content,
    ReportStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    ReportReview? Review = null);

public enum ReportStatus
{
    Pending,
    Retrieved,
}

public static class ReportStatusNames
{
    public const string Pending = "pending";
    public const string Retrieved = "retrieved";

    public static string ToWire(this ReportStatus status) => status == ReportStatus.Retrieved ? Retrieved : Pending;

    public static ReportStatus Parse(string value) => value == Retrieved ? ReportStatus.Retrieved : ReportStatus.Pending;
}
