namespace Airadcr.ReportApi.Navigation;

/// <summary>
/// Whether the application can navigate yet (spec: open-report answers 503 + Retry-After: 2 until then).
/// Set by <see cref="ReadinessSignal"/> once the host has fully started.
/// </summary>
public sealed class AppReadiness
{
    private volatile bool ready;

    public bool IsReady => ready;

    public void MarkReady() => ready = true;
}

/// <summary>Marks the application ready when the host reports it has started.</summary>
public sealed class ReadinessSignal(AppReadiness readiness, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(readiness.MarkReady);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
