using System.Reflection;

namespace Airadcr.AppHost.Hosting;

/// <summary>
/// Boots the AppHost's own <c>Program.cs</c> graph in-process for tests (Aspire's
/// <c>DistributedApplicationTestingBuilder</c>): the entry point runs with the given arguments, and its
/// <c>RunAsync</c> hands the started application back here instead of waiting for Ctrl+C. Dispose stops the graph.
/// </summary>
public sealed class AppHostTesting : IAsyncDisposable
{
    private static readonly AsyncLocal<AppHostTesting?> Current = new();
    private readonly TaskCompletionSource<DistributedApplication> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _main;

    private AppHostTesting()
    {
    }

    public DistributedApplication Application => _started.Task.IsCompletedSuccessfully
        ? _started.Task.Result
        : throw new InvalidOperationException("the AppHost is not started");

    /// <summary>Runs Program.cs with <paramref name="args"/> and returns once every resource is up.</summary>
    public static async Task<AppHostTesting> StartAsync(string[] args, CancellationToken cancellationToken)
    {
        var testing = new AppHostTesting();
        var entryPoint = typeof(AppHostTesting).Assembly.EntryPoint ?? throw new InvalidOperationException("no entry point");
        Current.Value = testing;
        // An async Main's entry point is the compiler's synchronous wrapper: run it on a pool thread.
        testing._main = Task.Run(() => entryPoint.Invoke(null, [args]), CancellationToken.None);
        Current.Value = null;
        var first = await Task.WhenAny(testing._started.Task, testing._main).WaitAsync(cancellationToken);
        if (first == testing._main)
        {
            await testing._main;
            throw new InvalidOperationException("the AppHost exited before starting");
        }
        await testing._started.Task;
        return testing;
    }

    /// <summary>Runs Program.cs with <paramref name="args"/> to its end (e.g. <c>publish</c>); returns its exit code.</summary>
    public static async Task<int> RunToCompletionAsync(string[] args, CancellationToken cancellationToken)
    {
        var entryPoint = typeof(AppHostTesting).Assembly.EntryPoint ?? throw new InvalidOperationException("no entry point");
        var result = await Task.Run(() => entryPoint.Invoke(null, [args]), cancellationToken);
        return result is int code ? code : 0;
    }

    internal static AppHostTesting? Capture(DistributedApplication application) => Current.Value;

    internal async Task<int> RunAsync(DistributedApplication application)
    {
        try
        {
            await application.StartAsync(CancellationToken.None);
        }
        catch (Exception error)
        {
            await application.StopAsync();
            _started.TrySetException(error);
            return 1;
        }
        _started.TrySetResult(application);
        await _stop.Task;
        await application.StopAsync();
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.TrySetResult();
        if (_main is not null)
        {
            try
            {
                await _main;
            }
            catch (TargetInvocationException)
            {
            }
        }
    }
}
