namespace Airadcr.ReportApi.Domain;

/// <summary>A stored API key: only its 8-character lookup prefix and SHA-256 hash, never the key itself.</summary>
public sealed record ApiKey(
    string Id,
    string Name,
    string Prefix,
    string KeyHash,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt);
