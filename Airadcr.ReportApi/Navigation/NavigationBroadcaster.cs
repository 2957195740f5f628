using System.Collections.Concurrent;
using System.Threading.Channels;
using Airadcr.ReportApi.Diagnostics;
using Airadcr.ReportApi.Logging;

namespace Airadcr.ReportApi.Navigation;

/// <summary>
/// Records open-report navigations and fans them out to live subscribers (the SSE endpoint). A slow subscriber
/// loses its oldest pending events rather than slowing the publisher.
/// </summary>
public sealed class NavigationBroadcaster(ReportApiMetrics metrics, ILogger<NavigationBroadcaster> logger)
{
    private const int SubscriberBuffer = 64;
    private const int RecentCapacity = 50;
    private readonly ConcurrentDictionary<Guid, Channel<NavigationEvent>> subscribers = new();
    private readonly Lock recentLock = new();
    private readonly Queue<NavigationEvent> recent = new();

    public int SubscriberCount => subscribers.Count;

    /// <summary>The latest navigations, oldest first.</summary>
    public IReadOnlyList<NavigationEvent> Recent
    {
        get
        {
            lock (recentLock)
            {
                return [.. recent];
            }
        }
    }

    public void Publish(NavigationEvent navigation)
    {
        lock (recentLock)
        {
            recent.Enqueue(navigation);
            if (recent.Count > RecentCapacity)
            {
                recent.Dequeue();
            }
        }

        foreach (var channel in subscribers.Values)
        {
            channel.Writer.TryWrite(navigation);
        }

        metrics.Navigated();
        logger.NavigationPublished(subscribers.Count);
    }

    /// <summary>Starts receiving every navigation published from now on, until the subscription is disposed.</summary>
    public NavigationSubscription Subscribe()
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<NavigationEvent>(new BoundedChannelOptions(SubscriberBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        subscribers[id] = channel;
        return new NavigationSubscription(channel.Reader, () => subscribers.TryRemove(id, out _));
    }
}

/// <summary>One subscriber's navigations; disposing it unsubscribes.</summary>
public sealed class NavigationSubscription(ChannelReader<NavigationEvent> reader, Action unsubscribe) : IDisposable
{
    public IAsyncEnumerable<NavigationEvent> ReadAllAsync(CancellationToken cancellationToken) => reader.ReadAllAsync(cancellationToken);

    public void Dispose() => unsubscribe();
}
