using System.Net.ServerSentEvents;
using System.Text.Json;
using Airadcr.ReportApi.Navigation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Airadcr.ReportApi.Apis;

/// <summary>
/// GET /navigation-events: a Server-Sent Events stream of open-report navigations (event "navigate_to_report",
/// data {"technical_id","navigated_to","timestamp"}), for the Web dashboard. Requires X-API-Key. The subscription
/// exists once the response headers arrive, so no navigation after that is missed.
/// </summary>
public static class NavigationApi
{
    public const string Path = "navigation-events";

    public static IEndpointRouteBuilder MapNavigationApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, StreamNavigations)
            .RequireApiKey()
            .Produces<NavigationEvent>(StatusCodes.Status200OK, "text/event-stream")
            .WithTags("Navigation")
            .WithName("NavigationEvents")
            .WithSummary("Server-Sent Events stream of open-report navigations");
        return app;
    }

    public static async Task StreamNavigations(
        HttpResponse response, NavigationBroadcaster broadcaster, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        using var subscription = broadcaster.Subscribe();
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        var items = ToItems(subscription.ReadAllAsync(cancellationToken));
        try
        {
            await SseFormatter.WriteAsync(items, response.Body,
                (item, writer) =>
                {
                    using var jsonWriter = new Utf8JsonWriter(writer);
                    JsonSerializer.Serialize(jsonWriter, item.Data, json.Value.SerializerOptions);
                },
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The subscriber went away.
        }
    }

    private static async IAsyncEnumerable<SseItem<NavigationEvent>> ToItems(IAsyncEnumerable<NavigationEvent> navigations)
    {
        await foreach (var navigation in navigations)
        {
            yield return new SseItem<NavigationEvent>(navigation, NavigationEvent.EventType);
        }
    }
}
