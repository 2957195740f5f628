namespace Airadcr.Web.Data;

/// <summary>Who did what, when. <see cref="Target"/> is a technical id, key id or user name, never a patient identifier.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? Target { get; set; }
    public string? Detail { get; set; }
}
