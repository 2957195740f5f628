using Airadcr.ReportApi.Configuration;
using Airadcr.ReportApi.Reports;
using Microsoft.Extensions.Options;

namespace Airadcr.ReportApi.Lifecycle;

/// <summary>Deletes expired reports every cleanup_interval_secs (they are already invisible to readers).</summary>
public sealed class ExpiredReportPurger(
    PendingReportService reports,
    IOptions<DesktopOptions> options,
    TimeProvider timeProvider,
    ILogger<ExpiredReportPurger> logger) : PeriodicWork(timeProvider, logger)
{
    protected override string Name => "expired report purge";

    protected override TimeSpan Period => TimeSpan.FromSeconds(options.Value.CleanupIntervalSecs);

    public override Task RunOnceAsync(CancellationToken cancellationToken) => reports.PurgeExpiredAsync(cancellationToken);
}
