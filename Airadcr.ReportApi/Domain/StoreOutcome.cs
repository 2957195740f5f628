namespace Airadcr.ReportApi.Domain;

/// <summary>What happened to a POSTed report.</summary>
public enum StoreOutcomeKind
{
    Created,
    /// <summary>Same technical id, same content: an idempotent retry (TÉO Hub retries).</summary>
    Identical,
    /// <summary>Same technical id, different content: refused, never a silent overwrite.</summary>
    Conflict,
}

public sealed record StoreOutcome(StoreOutcomeKind Kind, DateTimeOffset ExpiresAt);
