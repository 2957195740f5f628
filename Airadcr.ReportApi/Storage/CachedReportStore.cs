using Airadcr.ReportApi.Domain;
using Microsoft.Extensions.Caching.Hybrid;

namespace Airadcr.ReportApi.Storage;

/// <summary>
/// Reads by technical id go through HybridCache (in-memory, plus Redis as L2 when ConnectionStrings:cache is set).
/// Only sealed rows are cached, so the cache holds ciphertext and HMAC keys, never an identifier. Every write
/// invalidates the entry it touches.
/// </summary>
public sealed class CachedReportStore(IReportStore inner, HybridCache cache, HybridCacheEntryOptions entryOptions) : IReportStore
{
    private static readonly string[] Tags = ["reports"];
    private readonly HybridCacheEntryOptions peekOptions = new()
    {
        Flags = entryOptions.Flags | HybridCacheEntryFlags.DisableUnderlyingData
            | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    public async Task<InsertResult> InsertAsync(SealedReport report, long nowMs, CancellationToken cancellationToken)
    {
        var result = await inner.InsertAsync(report, nowMs, cancellationToken);
        if (result == InsertResult.Inserted)
        {
            await InvalidateAsync(report.TidIndex, cancellationToken);
        }

        return result;
    }

    public async Task<SealedReport?> GetAsync(string tidIndex, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(
            KeyOf(tidIndex),
            (inner, tidIndex),
            static (state, token) => new ValueTask<SealedReport?>(state.inner.GetAsync(state.tidIndex, token)),
            entryOptions,
            Tags,
            cancellationToken);

    /// <summary>
    /// A report already retrieved and cached is answered from the cache (no write); otherwise the store marks and
    /// returns it in one statement, and the entry is invalidated as after every write.
    /// </summary>
    public async Task<SealedReport?> RetrieveAsync(string tidIndex, long nowMs, CancellationToken cancellationToken)
    {
        if (await PeekAsync(tidIndex, cancellationToken) is { Status: not ReportStatusNames.Pending } cached)
        {
            return cached;
        }

        var row = await inner.RetrieveAsync(tidIndex, nowMs, cancellationToken);
        await InvalidateAsync(tidIndex, cancellationToken);
        return row;
    }

    public async Task<bool> DeleteAsync(string tidIndex, CancellationToken cancellationToken)
    {
        var deleted = await inner.DeleteAsync(tidIndex, cancellationToken);
        await InvalidateAsync(tidIndex, cancellationToken);
        return deleted;
    }

    public Task<SealedReport?> FindLatestAsync(SealedCriteria criteria, long nowMs, CancellationToken cancellationToken) =>
        inner.FindLatestAsync(criteria, nowMs, cancellationToken);

    public async Task<int> PurgeExpiredAsync(long nowMs, CancellationToken cancellationToken)
    {
        var purged = await inner.PurgeExpiredAsync(nowMs, cancellationToken);
        if (purged > 0)
        {
            await cache.RemoveByTagAsync(Tags, cancellationToken);
        }

        return purged;
    }

    /// <summary>The cached row, if any, without reading the store or filling the cache.</summary>
    private ValueTask<SealedReport?> PeekAsync(string tidIndex, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync<SealedReport?>(
            KeyOf(tidIndex),
            static _ => ValueTask.FromResult<SealedReport?>(null),
            peekOptions,
            tags: null,
            cancellationToken);

    private ValueTask InvalidateAsync(string tidIndex, CancellationToken cancellationToken) =>
        cache.RemoveAsync(KeyOf(tidIndex), cancellationToken);

    private static string KeyOf(string tidIndex) => "airadcr:report:" + tidIndex;
}
