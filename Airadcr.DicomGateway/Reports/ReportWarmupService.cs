using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Logging;
using Airadcr.Reporting;
using Airadcr.Reporting.Model;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Reports;

/// <summary>
/// Renders a synthetic report once in the background at start-up (<see cref="ReportRenderingWarmup"/>), so that the
/// first analysed study's reports take as long as every later one's. A failure is logged and changes nothing else.
/// </summary>
public sealed class ReportWarmupService(IOptions<GatewayOptions> options, ILogger<ReportWarmupService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => ReportRenderingWarmup.RunInBackgroundAsync(
        options.Value.ReportLanguage == "en" ? ReportLanguage.English : ReportLanguage.French, logger.ReportWarmupFailed, stoppingToken);
}
