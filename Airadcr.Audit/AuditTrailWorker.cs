using Airadcr.Audit.Checkpoints;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Airadcr.Audit;

/// <summary>
/// The chain's one writer in this process: appends the queued events in batches (up to <see cref="MaxBatch"/> a
/// transaction), checkpoints the head every <c>Audit:CheckpointInterval</c> when it moved, and at stop drains the queue
/// and writes a last checkpoint. Registered before the service's other hosted services, so it stops after them.
/// </summary>
public sealed partial class AuditTrailWorker(
    AuditTrail trail, AuditCheckpointer checkpointer, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditTrailWorker> logger)
    : IHostedService
{
    public const int MaxBatch = 500;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stop = new();
    private Task _writer = Task.CompletedTask;
    private Task _checkpoints = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _writer = Task.Run(() => WriteAsync(_stop.Token), CancellationToken.None);
        _checkpoints = Task.Run(() => CheckpointAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        trail.Complete();
        await _writer.WaitAsync(cancellationToken);
        await _stop.CancelAsync();
        await _checkpoints.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await checkpointer.CheckpointAsync(force: false, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            CheckpointFailed(logger, error);
        }
    }

    private async Task WriteAsync(CancellationToken stop)
    {
        var batch = new List<AuditTrail.Pending>(MaxBatch);
        while (await trail.Queue.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && trail.Queue.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            await AppendAsync(batch, stop);
            batch.Clear();
        }
    }

    /// <summary>Appends one batch, retrying while the database is unreachable (until stop: then once more, then fails it).</summary>
    private async Task AppendAsync(List<AuditTrail.Pending> batch, CancellationToken stop)
    {
        var events = batch.Select(p => p.Event).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await trail.AppendAsync(events, CancellationToken.None);
                foreach (var pending in batch)
                {
                    pending.Done?.TrySetResult();
                }
                return;
            }
            catch (Exception error) when (attempt < 5 || !stop.IsCancellationRequested && attempt < 60)
            {
                AppendRetried(logger, events.Count, attempt, error);
                await Task.Delay(RetryDelay, time, CancellationToken.None);
            }
            catch (Exception error)
            {
                AppendFailed(logger, events.Count, error);
                foreach (var pending in batch)
                {
                    pending.Done?.TrySetException(error);
                }
                return;
            }
        }
    }

    private async Task CheckpointAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await checkpointer.CheckpointAsync(force: false, stop);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    CheckpointFailed(logger, error);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Audit: appending {Count} entries failed (attempt {Attempt}), retrying")]
    private static partial void AppendRetried(ILogger logger, int count, int attempt, Exception error);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Error, Message = "Audit: {Count} entries could not be appended to the chain")]
    private static partial void AppendFailed(ILogger logger, int count, Exception error);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Error, Message = "Audit: the checkpoint could not be written")]
    private static partial void CheckpointFailed(ILogger logger, Exception error);
}
