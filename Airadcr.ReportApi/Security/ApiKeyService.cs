using Airadcr.ReportApi.Domain;
using Airadcr.ReportApi.Logging;
using Airadcr.ReportApi.Storage;

namespace Airadcr.ReportApi.Security;

/// <summary>Creates, checks, lists and revokes API keys.</summary>
public sealed class ApiKeyService(IApiKeyStore store, TimeProvider timeProvider, ILogger<ApiKeyService> logger)
{
    /// <summary>How stale last_used_at may get before a use writes it again (keeps reads write-free).</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

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
        foreach (var candidate in await store.FindActiveByPrefixAsync(ApiKeyFormat.PrefixOf(presented!), cancellationToken))
        {
            if (!ApiKeyFormat.HashesMatch(candidate.KeyHash, hash))
            {
                continue;
            }

            var now = timeProvider.GetUtcNow();
            if (candidate.LastUsedAt is not { } lastUsed || now - lastUsed >= LastUsedResolution)
            {
                await store.TouchAsync(candidate.Id, now.ToUnixTimeMilliseconds(), cancellationToken);
            }

            return true;
        }

        return false;
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var revoked = await store.RevokeAsync(id, timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
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
}
