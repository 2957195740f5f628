namespace Airadcr.DicomGateway.Hosting;

/// <summary>
/// A background service that runs one pass at start and then every <paramref name="interval"/>, or earlier when its
/// <see cref="EarlyWake"/> completes; a failed pass is reported and the next one tries again.
/// </summary>
public abstract class PeriodicService(TimeSpan interval, TimeProvider time) : BackgroundService
{
    protected TimeProvider Time => time;

    /// <summary>
    /// A signal that starts the next pass before <c>interval</c> has passed (taken before each pass, so that none is
    /// missed); none by default.
    /// </summary>
    protected virtual Task? EarlyWake => null;

    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    protected abstract void PassFailed(Exception error);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Time);
        while (true)
        {
            var early = EarlyWake;
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                PassFailed(error);
            }
            if (early is not null)
            {
                await SignalOrPoll.WaitAsync(early, interval, Time, stoppingToken);
            }
            else if (!await timer.WaitForNextTickAsync(stoppingToken))
            {
                return;
            }
        }
    }
}
