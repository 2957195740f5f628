using System.Data.Common;
using System.Security.Cryptography;
using Airadcr.ReportApi.Logging;

namespace Airadcr.ReportApi.Worklist;

/// <summary>
/// Opens every live report's worklist summary once in the background after start-up (<see cref="ReportListing"/>
/// decrypts each row once, then keeps it), so that the dashboard's first worklist after a restart does not wait for
/// that. Runs after the schema migration (hosted services start in order); a failure is logged and the first query
/// opens the rows instead.
/// </summary>
public sealed class ReportListingWarmup(ReportListing listing, TimeProvider time, ILogger<ReportListingWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // start-up goes on
        var started = time.GetTimestamp();
        try
        {
            await listing.QueryAsync(new ReportListQuery { Limit = 1 }, stoppingToken);
            logger.ListingWarmedUp(listing.OpenedCount, time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is DbException or CryptographicException or IOException or InvalidOperationException)
        {
            logger.BackgroundTaskFailed("worklist listing warm-up", e);
        }
    }
}
