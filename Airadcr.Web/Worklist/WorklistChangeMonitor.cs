using Airadcr.Web.Configuration;
using Airadcr.Web.ReportApi;
using Microsoft.Extensions.Options;

namespace Airadcr.Web.Worklist;

/// <summary>
/// Asks the ReportApi every <see cref="WebOptions.WorklistPollInterval"/> for the listing's version (one row) and
/// tells open worklists when it changes (a report arrived, was opened or expired).
/// </summary>
public sealed partial class WorklistChangeMonitor(
    IServiceScopeFactory scopes, IOptions<WebOptions> options, TimeProvider time, ILogger<WorklistChangeMonitor> logger) : BackgroundService
{
    private string? version;

    public event Action? Changed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(options.Value.ReportApiAdminKey))
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.WorklistPollInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var page = await scope.ServiceProvider.GetRequiredService<ReportApiClient>()
                    .QueryAsync(new ReportListQuery { Limit = 1 }, stoppingToken);
                if (version is not null && page.Version != version)
                {
                    Changed?.Invoke();
                }
                version = page.Version;
            }
            catch (HttpRequestException error)
            {
                PollFailed(logger, error.StatusCode?.ToString() ?? error.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Worklist poll failed: {Reason}")]
    private static partial void PollFailed(ILogger logger, string reason);
}
