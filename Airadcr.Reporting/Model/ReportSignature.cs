namespace Airadcr.Reporting.Model;

/// <summary>The radiologist who verified the report, and when.</summary>
public sealed record ReportSignature(string RadiologistName, DateTimeOffset SignedAt, string? Organization = null);
