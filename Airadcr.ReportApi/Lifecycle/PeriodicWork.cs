using Airadcr.ReportApi.Logging;

namespace Airadcr.ReportApi.Lifecycle;

/// <summary>A background task run now and then every period of the injected TimeProvider; a failed run is logged, not fatal.</summary>
public abstract class PeriodicWork(TimeProvider timeProvider, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock => timeProvider;

    protected ILogger Logger => logger;

    protected abstract string Name { get; }

    protected abstract TimeSpan Period { get; }

    /// <summary>Whether the first run happens at start (else after one period).</summary>
    protected virtual bool RunsAtStart => true;

    /// <summary>Whether this period's run should happen (checked at each tick; a run that is not due is skipped).</summary>
    protected virtual bool IsDue() => true;

    /// <summary>One run of the work.</summary>
    public abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, timeProvider);
        if (!RunsAtStart && !await WaitAsync(timer, stoppingToken))
        {
            return;
        }

        do
        {
            try
            {
                if (IsDue())
                {
                    await RunOnceAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ReportFailure(e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>Logs a failed run of the work (never fatal).</summary>
    protected void ReportFailure(Exception exception) => logger.BackgroundTaskFailed(Name, exception);

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
