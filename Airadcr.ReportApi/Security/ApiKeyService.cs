using System.Collections.Concurrent;
using Airadcr.ReportApi.Domain;
using Airadcr.ReportApi.Logging;
using Airadcr.ReportApi.Storage;

namespace Airadcr.ReportApi.Security;

/// <summary>
/// Creates, checks, lists and revokes API keys. A key found valid in the store is remembered (by its hash) for
/// <see cref="Revalidation"/>, so a stream of requests with the same key does not read the store each time; a
/// revocation through this instance forgets every remembered key at once, one through another instance sharing the
/// PostgreSQL store takes effect here within <see cref="Revalidation"/>.
/// </summary>
public sealed class ApiKeyService(IApiKeyStore store, TimeProvider timeProvider, ILogger<ApiKeyService> logger)
{
    /// <summary>How stale last_used_at may get before a use writes it again (keeps reads write-free).</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>How long a key found valid is trusted without reading the store again.</summary>
    public static readonly TimeSpan Revalidation = TimeSpan.FromSeconds(2);

    /// <summary>Active keys recently found valid, by hash; at most one entry per active key in the store.</summary>
    private readonly ConcurrentDictionary<string, ValidatedKey> validated = new(StringComparer.Ordinal);

    /// <summary>Bumped by every revocation: a lookup that raced with one is not remembered.</summary>
    private int revocations;

    /// <summary>Creates a key; the returned secret is shown once and never stored.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var secret = ApiKeyFormat.Generate();
        var key = await AddAsync(name, secret, cancellationToken);
        logger.ApiKeyCreated(key.Id);
        return (key, secret);
    }

    /// <summary>Registers a key given from outside (AIRADCR_PROD_API_KEY) unless it is already there.</summary>
    public async Task RegisterAsync(string name, string secret, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.IsWellFormed(secret))
        {
            throw new InvalidOperationException(
                $"AIRADCR_PROD_API_KEY must be '{ApiKeyFormat.Marker}' followed by at least {ApiKeyFormat.MinSecretLength} characters of [A-Za-z0-9_-].");
        }

        if (!await store.ExistsWithHashAsync(ApiKeyFormat.Hash(secret), cancellationToken))
        {
            await AddAsync(name, secret, cancellationToken);
            logger.ProductionKeyRegistered(ApiKeyFormat.PrefixOf(secret));
        }
    }

    /// <summary>True when the key is active; records its use.</summary>
    public async Task<bool> IsValidAsync(string? presented, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.IsWellFormed(presented))
        {
            return false;
        }

        var hash = ApiKeyFormat.Hash(presented!);
        var now = timeProvider.GetUtcNow();
        if (!validated.TryGetValue(hash, out var key) || now - key.CheckedAt >= Revalidation || now < key.CheckedAt)
        {
            validated.TryRemove(hash, out _);
            var revocationsBefore = Volatile.Read(ref revocations);
            var found = await FindActiveAsync(presented!, hash, cancellationToken);
            if (found is null)
            {
                return false;
            }

            key = new ValidatedKey(found.Id, found.LastUsedAt, now, revocationsBefore);
        }

        if (key.LastUsedAt is not { } lastUsed || now - lastUsed >= LastUsedResolution)
        {
            await store.TouchAsync(key.Id, now.ToUnixTimeMilliseconds(), cancellationToken);
            key = key with { LastUsedAt = now };
        }

        if (key.Revocations == Volatile.Read(ref revocations))
        {
            validated[hash] = key;
        }

        return true;
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var revoked = await store.RevokeAsync(id, timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        Interlocked.Increment(ref revocations);
        validated.Clear();
        if (revoked)
        {
            logger.ApiKeyRevoked(id);
        }

        return revoked;
    }

    private async Task<ApiKey> AddAsync(string name, string secret, CancellationToken cancellationToken)
    {
        var key = new ApiKey(Guid.NewGuid().ToString(), name, ApiKeyFormat.PrefixOf(secret), ApiKeyFormat.Hash(secret),
            IsActive: true, timeProvider.GetUtcNow(), LastUsedAt: null);
        await store.AddAsync(key, cancellationToken);
        return key;
    }

    private async Task<ApiKey?> FindActiveAsync(string presented, string hash, CancellationToken cancellationToken)
    {
        foreach (var candidate in await store.FindActiveByPrefixAsync(ApiKeyFormat.PrefixOf(presented), cancellationToken))
        {
            if (ApiKeyFormat.HashesMatch(candidate.KeyHash, hash))
            {
                return candidate;
            }
        }

        return null;
    }

    private sealed record ValidatedKey(string Id, DateTimeOffset? LastUsedAt, DateTimeOffset CheckedAt, int Revocations);
}
