using System.Text.Json.Serialization;
using Airadcr.Audit.Checkpoints;

namespace Airadcr.Audit.Verification;

/// <summary>What <see cref="AuditVerifier"/> found: <see cref="Ok"/> when there is no break.</summary>
public sealed record AuditVerification(IReadOnlyList<AuditChainBreak> Breaks, long Entries, AuditEntry? Head, AuditCheckpoint? LatestCheckpoint)
{
    public bool Ok => Breaks.Count == 0;
}

/// <summary>Where and how the chain breaks (<paramref name="Seq"/>: the entry or checkpoint concerned).</summary>
public sealed record AuditChainBreak(long Seq, AuditBreakKind Kind, string Message);

[JsonConverter(typeof(JsonStringEnumConverter<AuditBreakKind>))]
public enum AuditBreakKind
{
    /// <summary>The entry's fields no longer give its hash: changed after it was written.</summary>
    Edited,

    /// <summary>Entries are missing: a gap in seq, or an entry links to one that is not there.</summary>
    Deleted,

    /// <summary>An entry that the chain does not lead to (its predecessor's hash is not its previous hash).</summary>
    Inserted,

    /// <summary>An intact entry found at another seq than the one it was written at.</summary>
    Reordered,

    /// <summary>The chain ends before a checkpoint: its tail was removed.</summary>
    Truncated,

    /// <summary>A checkpoint's hash differs from the entry at its seq: the chain was rewritten up to there.</summary>
    CheckpointMismatch,

    /// <summary>A checkpoint that this service's key did not sign (forged or altered).</summary>
    CheckpointSignature,

    /// <summary>A line of the export file that is not a checkpoint.</summary>
    ExportUnreadable,
}
