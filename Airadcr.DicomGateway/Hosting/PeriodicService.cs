namespace Airadcr.DicomGateway.Hosting;

/// <summary>
/// A background service that runs one pass at start and then every <paramref name="interval"/>; a failed pass is
/// reported and the next tick tries again.
/// </summary>
public abstract class PeriodicService(TimeSpan interval, TimeProvider time) : BackgroundService
{
    protected TimeProvider Time => time;

    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    protected abstract void PassFailed(Exception error);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Time);
        do
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                PassFailed(error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
