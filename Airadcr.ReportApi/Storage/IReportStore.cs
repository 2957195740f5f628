namespace Airadcr.ReportApi.Storage;

/// <summary>Persistence of sealed reports. Implemented once in SQL for SQLite and PostgreSQL, cached by HybridCache.</summary>
public interface IReportStore
{
    /// <summary>Inserts the report, replacing a row with the same technical id only when that row has expired.</summary>
    Task<InsertResult> InsertAsync(SealedReport report, long nowMs, CancellationToken cancellationToken);

    /// <summary>The row for a technical id, expired or not (callers hide expired rows).</summary>
    Task<SealedReport?> GetAsync(string tidIndex, CancellationToken cancellationToken);

    /// <summary>
    /// The first read of a report: moves it from pending to retrieved when it is pending and not expired, and returns
    /// its row as it now is (expired or not, as <see cref="GetAsync"/>); null when there is no such row. One write
    /// statement returns the retrieved row, so a first read costs no separate query.
    /// </summary>
    Task<SealedReport?> RetrieveAsync(string tidIndex, long nowMs, CancellationToken cancellationToken);

    /// <summary>Sets the sealed review outcome of a report that has none yet; false when it has one (or no such row).</summary>
    Task<bool> SetReviewAsync(string tidIndex, byte[] review, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string tidIndex, CancellationToken cancellationToken);

    /// <summary>The most recent non-expired report matching every given index.</summary>
    Task<SealedReport?> FindLatestAsync(SealedCriteria criteria, long nowMs, CancellationToken cancellationToken);

    /// <summary>Deletes every expired report; returns how many.</summary>
    Task<int> PurgeExpiredAsync(long nowMs, CancellationToken cancellationToken);
}
