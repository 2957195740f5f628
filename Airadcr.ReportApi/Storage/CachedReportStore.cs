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
    /// Read through the cache: a report already retrieved (or expired) is answered from it, with no write, so reading
    /// a report again costs no trip through the writer; a pending one is marked and returned by the store in one
    /// statement, and the entry is invalidated as after every write, then read again through the cache, so that the
    /// next read of the report (a viewer opening it again) is answered from memory instead of the database.
    /// </summary>
    public async Task<SealedReport?> RetrieveAsync(string tidIndex, long nowMs, CancellationToken cancellationToken)
    {
        var cached = await GetAsync(tidIndex, cancellationToken);
        if (cached is null || cached.Status != ReportStatusNames.Pending || cached.ExpiresAt <= nowMs)
        {
            return cached;
        }

        var row = await inner.RetrieveAsync(tidIndex, nowMs, cancellationToken);
        await InvalidateAsync(tidIndex, cancellationToken);
        return row is null ? null : await GetAsync(tidIndex, cancellationToken) ?? row; // deleted meanwhile: it was read before that
    }

    public async Task<bool> SetReviewAsync(string tidIndex, byte[] review, CancellationToken cancellationToken)
    {
        var set = await inner.SetReviewAsync(tidIndex, review, cancellationToken);
        await InvalidateAsync(tidIndex, cancellationToken);
        return set;
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

    private ValueTask InvalidateAsync(string tidIndex, CancellationToken cancellationToken) =>
        cache.RemoveAsync(KeyOf(tidIndex), cancellationToken);

    private static string KeyOf(string tidIndex) => "airadcr:report:" + tidIndex;
}
