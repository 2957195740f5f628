using Airadcr.ReportApi.Diagnostics;
using Airadcr.ReportApi.Domain;
using Airadcr.ReportApi.Logging;
using Airadcr.ReportApi.Security;
using Airadcr.ReportApi.Storage;

namespace Airadcr.ReportApi.Reports;

/// <summary>
/// The report lifecycle: seal and store (idempotent for identical retries, refused for different content),
/// read (expired reports are invisible; the first read marks the report retrieved), search, delete, purge.
/// </summary>
public sealed class PendingReportService(
    IReportStore store,
    ReportSealer sealer,
    TimeProvider timeProvider,
    ReportApiMetrics metrics,
    ILogger<PendingReportService> logger)
{
    public async Task<StoreOutcome> StoreAsync(ReportContent content, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var sealedReport = sealer.Seal(content, now, now.AddHours(content.ExpiresInHours));
        var outcome = await store.InsertAsync(sealedReport, now.ToUnixTimeMilliseconds(), cancellationToken) == InsertResult.Inserted
            ? new StoreOutcome(StoreOutcomeKind.Created, DateTimeOffset.FromUnixTimeMilliseconds(sealedReport.ExpiresAt))
            : await CompareWithExistingAsync(sealedReport, cancellationToken);
        var outcomeName = outcome.Kind.ToString().ToLowerInvariant();
        metrics.Stored(outcomeName);
        logger.ReportStored(outcomeName);
        return outcome;
    }

    /// <summary>The visible report with this technical id, marked retrieved by this read.</summary>
    public async Task<PendingReport?> RetrieveAsync(string technicalId, CancellationToken cancellationToken)
    {
        var nowMs = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var row = await store.RetrieveAsync(sealer.TechnicalIdIndex(technicalId), nowMs, cancellationToken);
        if (row is null || row.ExpiresAt <= nowMs)
        {
            return null;
        }

        metrics.Read("technical_id");
        return Open(row);
    }

    public async Task<bool> ExistsAsync(string technicalId, CancellationToken cancellationToken) =>
        await FindAsync(technicalId, cancellationToken) is not null;

    /// <summary>The visible report with this technical id, read without marking it retrieved (server-to-server use).</summary>
    public Task<PendingReport?> FindAsync(string technicalId, CancellationToken cancellationToken) =>
        GetVisibleAsync(sealer.TechnicalIdIndex(technicalId), cancellationToken);

    public async Task<PendingReport?> FindLatestAsync(ReportIdentifiers identifiers, CancellationToken cancellationToken)
    {
        var criteria = new SealedCriteria(
            sealer.OptionalIndexOf(IndexedField.PatientId, identifiers.PatientId),
            sealer.OptionalIndexOf(IndexedField.AccessionNumber, identifiers.AccessionNumber),
            sealer.OptionalIndexOf(IndexedField.ExamUid, identifiers.ExamUid));
        var found = await store.FindLatestAsync(criteria, timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        if (found is null)
        {
            return null;
        }

        metrics.Read("search");
        return Decrypt(found);
    }

    /// <summary>
    /// Records the radiologist's outcome once: a second call with the same outcome is <see cref="ReviewRecordResult.AlreadyRecorded"/>
    /// (a retried sign), another outcome is a <see cref="ReviewRecordResult.Conflict"/> (a sign racing a reject); the
    /// outcome in force is returned with the result.
    /// </summary>
    public async Task<(ReviewRecordResult Result, ReportReview? InForce)> RecordReviewAsync(string technicalId, ReportReview review,
        CancellationToken cancellationToken)
    {
        var tidIndex = sealer.TechnicalIdIndex(technicalId);
        if (await GetVisibleAsync(tidIndex, cancellationToken) is null)
        {
            return (ReviewRecordResult.NotFound, null);
        }
        if (await store.SetReviewAsync(tidIndex, sealer.SealReview(review, tidIndex), cancellationToken))
        {
            metrics.Reviewed(review.Outcome);
            return (ReviewRecordResult.Recorded, review);
        }
        var inForce = (await GetVisibleAsync(tidIndex, cancellationToken))?.Review;
        return inForce is null
            ? (ReviewRecordResult.NotFound, null) // deleted or expired meanwhile
            : (inForce.Outcome == review.Outcome ? ReviewRecordResult.AlreadyRecorded : ReviewRecordResult.Conflict, inForce);
    }

    public Task<bool> DeleteAsync(string technicalId, CancellationToken cancellationToken) =>
        store.DeleteAsync(sealer.TechnicalIdIndex(technicalId), cancellationToken);

    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var purged = await store.PurgeExpiredAsync(timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        if (purged > 0)
        {
            metrics.Expired(purged);
            logger.ReportsPurged(purged);
        }

        return purged;
    }

    private async Task<PendingReport?> GetVisibleAsync(string tidIndex, CancellationToken cancellationToken)
    {
        var row = await store.GetAsync(tidIndex, cancellationToken);
        return row is null || row.ExpiresAt <= timeProvider.GetUtcNow().ToUnixTimeMilliseconds() ? null : Open(row);
    }

    /// <summary>
    /// The report of a row read by technical id. The in-memory cache hands out the same row instance on every hit,
    /// and the row keeps the report opened from it (<see cref="SealedReport.Opened"/>), so a report read again is not
    /// decrypted and deserialized again.
    /// </summary>
    private PendingReport Open(SealedReport row) => row.Opened ??= Decrypt(row);

    private PendingReport Decrypt(SealedReport row)
    {
        metrics.Decrypted();
        return sealer.Open(row);
    }

    private async Task<StoreOutcome> CompareWithExistingAsync(SealedReport attempted, CancellationToken cancellationToken)
    {
        var existing = await store.GetAsync(attempted.TidIndex, cancellationToken);
        if (existing is null)
        {
            // Deleted between our insert and this read: report it as a conflict and let the sender retry.
            return new StoreOutcome(StoreOutcomeKind.Conflict, DateTimeOffset.FromUnixTimeMilliseconds(attempted.ExpiresAt));
        }

        var kind = ApiKeyFormat.HashesMatch(existing.ContentMac, attempted.ContentMac) ? StoreOutcomeKind.Identical : StoreOutcomeKind.Conflict;
        return new StoreOutcome(kind, DateTimeOffset.FromUnixTimeMilliseconds(existing.ExpiresAt));
    }
}
