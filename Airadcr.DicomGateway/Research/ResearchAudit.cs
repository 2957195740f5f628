using System.Security.Cryptography;
using System.Text;

namespace Airadcr.DicomGateway.Research;

/// <summary>
/// The research space's auditable events. Today they go to the gateway's log (source-generated, event ids 601+);
/// the hash-chained audit library (<c>Airadcr.Audit</c>, another branch) is to be called from here. Never the original
/// identifier, nor the free-text reason (it may name the patient): its SHA-256 prefix, which an auditor holding the
/// reason can check.
/// </summary>
public sealed partial class ResearchAudit(ILogger<ResearchAudit> logger)
{
    /// <summary>An admin re-identified one pseudonym of a project.</summary>
    public void Reidentified(string projectId, string actor, string kind, string pseudonym, string reason) =>
        LogReidentified(logger, projectId, actor, kind, pseudonym, ReasonHash(reason));

    internal static string ReasonHash(string reason) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reason)))[..16];

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning,
        Message = "Research project {ProjectId}: {Actor} re-identified a {Kind} pseudonym {Pseudonym} (reason sha256 {ReasonHash})")]
    private static partial void LogReidentified(ILogger logger, string projectId, string actor, string kind, string pseudonym, string reasonHash);
}
