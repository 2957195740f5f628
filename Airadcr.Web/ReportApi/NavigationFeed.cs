namespace Airadcr.Web.ReportApi;

/// <summary>RIS navigations (ReportApi open-report) fanned out to every open dashboard circuit.</summary>
public sealed partial class NavigationFeed(ILogger<NavigationFeed> logger)
{
    public event Action<string>? Navigated;

    /// <summary>Tells every subscriber; one failing subscriber (a circuit going away) does not stop the others.</summary>
    public int Publish(string technicalId)
    {
        var subscribers = Navigated?.GetInvocationList() ?? [];
        foreach (var subscriber in subscribers.Cast<Action<string>>())
        {
            try
            {
                subscriber(technicalId);
            }
            catch (Exception error) when (error is ObjectDisposedException or InvalidOperationException)
            {
                SubscriberFailed(logger, error.GetType().Name);
            }
        }
        return subscribers.Length;
    }

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "A dashboard could not take a navigation ({Error})")]
    private static partial void SubscriberFailed(ILogger logger, string error);
}
