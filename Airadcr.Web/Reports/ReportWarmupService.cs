using Airadcr.Reporting;
using Airadcr.Reporting.Model;

namespace Airadcr.Web.Reports;

/// <summary>
/// Renders a synthetic report once in the background at start-up (<see cref="ReportRenderingWarmup"/>, in French, the
/// dashboard's default culture), so that a radiologist's first signature or PDF after a restart takes as long as every
/// later one (about a second less on a 2-core host). A failure is logged and changes nothing else.
/// </summary>
public sealed partial class ReportWarmupService(ILogger<ReportWarmupService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ReportRenderingWarmup.RunInBackgroundAsync(ReportLanguage.French, WarmupFailed, stoppingToken);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "Warming up the report rendering failed (the first PDF will be slower): {Reason}")]
    private partial void WarmupFailed(string reason);
}
