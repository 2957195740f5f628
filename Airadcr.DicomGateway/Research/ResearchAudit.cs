using System.Security.Cryptography;
using System.Text;
using Airadcr.Audit;

namespace Airadcr.DicomGateway.Research;

/// <summary>
/// The research space's auditable events: in the gateway's hash-chained audit trail (<c>Airadcr.Audit</c>, committed
/// before the answer) and its log (source-generated, event ids 601+). Never the original identifier, nor the free-text
/// reason (it may name the patient): its SHA-256 prefix, which an auditor holding the reason can check.
/// </summary>
public sealed partial class ResearchAudit(ILogger<ResearchAudit> logger, AuditTrail trail)
{
    /// <summary>An admin re-identified one pseudonym of a project.</summary>
    public async Task ReidentifiedAsync(string projectId, string actor, string kind, string pseudonym, string reason, CancellationToken cancellationToken)
    {
        var reasonHash = ReasonHash(reason);
        await trail.RecordAsync(new AuditEvent("user:" + actor, "research-reidentify", "project:" + projectId,
            $"{kind} {pseudonym} (reason sha256 {reasonHash})"), cancellationToken);
        LogReidentified(logger, projectId, actor, kind, pseudonym, reasonHash);
    }

    internal static string ReasonHash(string reason) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reason)))[..16];

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning,
        Message = "Research project {ProjectId}: {Actor} re-identified a {Kind} pseudonym {Pseudonym} (reason sha256 {ReasonHash})")]
    private static partial void LogReidentified(ILogger logger, string projectId, string actor, string kind, string pseudonym, string reasonHash);
}
