using System.Net.ServerSentEvents;
using System.Text.Json;
using Airadcr.Web.Configuration;
using Microsoft.Extensions.Options;

namespace Airadcr.Web.ReportApi;

/// <summary>
/// Follows the ReportApi's GET /navigation-events (SSE) and publishes each navigate_to_report to the
/// <see cref="NavigationFeed"/>; reconnects after a failure. Needs Web:ReportApiKey.
/// </summary>
public sealed partial class NavigationListener(
    IHttpClientFactory clients, NavigationFeed feed, IOptions<WebOptions> options, TimeProvider time,
    ILogger<NavigationListener> logger) : BackgroundService
{
    public const string ClientName = "reportapi-navigation";
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public bool Connected { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(options.Value.ReportApiKey))
        {
            NoApiKey(logger);
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(stoppingToken);
            }
            catch (Exception error) when (error is HttpRequestException or IOException or JsonException)
            {
                StreamLost(logger, error.GetType().Name);
            }
            finally
            {
                Connected = false;
            }
            await Task.Delay(RetryDelay, time, stoppingToken);
        }
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, "navigation-events");
        request.Headers.Add(ReportApiClient.ApiKeyHeader, options.Value.ReportApiKey);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        Connected = true;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            if (item.EventType == "navigate_to_report"
                && JsonSerializer.Deserialize<NavigationEvent>(item.Data, ReportApiClient.Json) is { } navigation)
            {
                NavigationReceived(logger, feed.Publish(navigation.TechnicalId));
            }
        }
    }

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "RIS navigation received; {Dashboards} open dashboard(s) follow it")]
    private static partial void NavigationReceived(ILogger logger, int dashboards);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Web:ReportApiKey is not set: RIS navigation is off")]
    private static partial void NoApiKey(ILogger logger);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Navigation stream lost ({Error}); reconnecting")]
    private static partial void StreamLost(ILogger logger, string error);
}
