using System.Threading.Channels;
using Airadcr.Audit.Checkpoints;
using Airadcr.Audit.Storage;

namespace Airadcr.Audit;

/// <summary>
/// Where a service records its events. <see cref="Record"/> queues and returns at once (the DICOM and HTTP hot paths:
/// a C-STORE answer or a proxied request never waits for the audit); <see cref="RecordAsync"/> returns once the entry
/// is committed. One writer (<see cref="AuditTrailWorker"/>) appends what is queued in batches, in order.
/// </summary>
public sealed class AuditTrail(IAuditStore store, AuditServiceName service, TimeProvider time)
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    public string Service => service.Name;

    public IAuditStore Store => store;

    /// <summary>Queues <paramref name="auditEvent"/>; appended within the writer's next batch.</summary>
    public void Record(AuditEvent auditEvent)
    {
        if (!_queue.Writer.TryWrite(new Pending(auditEvent, null)))
        {
            // Shutting down: the writer has drained its queue. Append on our own (not awaited by the caller).
            _ = AppendDirectlyAsync(auditEvent);
        }
    }

    /// <summary>Queues <paramref name="auditEvent"/> and waits until it is committed to the chain.</summary>
    public async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Pending(auditEvent, done)))
        {
            await AppendDirectlyAsync(auditEvent);
            return;
        }
        await done.Task.WaitAsync(cancellationToken);
    }

    internal ChannelReader<Pending> Queue => _queue.Reader;

    /// <summary>No more queued events: the writer drains what is there and stops.</summary>
    internal void Complete() => _queue.Writer.TryComplete();

    internal Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken) =>
        store.AppendAsync(service.Name, events, time.GetUtcNow(), cancellationToken);

    private Task AppendDirectlyAsync(AuditEvent auditEvent) => AppendAsync([auditEvent], CancellationToken.None);

    internal sealed record Pending(AuditEvent Event, TaskCompletionSource? Done);
}
