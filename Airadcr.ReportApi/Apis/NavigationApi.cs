using System.Net.ServerSentEvents;
using Airadcr.ReportApi.Navigation;

namespace Airadcr.ReportApi.Apis;

/// <summary>
/// GET /navigation-events: a Server-Sent Events stream of open-report navigations (event "navigate_to_report",
/// data {"technical_id","navigated_to","timestamp"}), for the Web dashboard. Requires X-API-Key.
/// </summary>
public static class NavigationApi
{
    public const string Path = "navigation-events";

    public static IEndpointRouteBuilder MapNavigationApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, StreamNavigations)
            .RequireApiKey()
            .WithTags("Navigation")
            .WithName("NavigationEvents")
            .WithSummary("Server-Sent Events stream of open-report navigations");
        return app;
    }

    public static ServerSentEventsResult<NavigationEvent> StreamNavigations(NavigationBroadcaster broadcaster, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(broadcaster.SubscribeAsync(cancellationToken), NavigationEvent.EventType);
}
