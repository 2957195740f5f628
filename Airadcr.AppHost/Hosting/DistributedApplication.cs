using System.Runtime.InteropServices;
using Airadcr.AppHost.Publishing;
using Airadcr.LocalServers;

namespace Airadcr.AppHost.Hosting;

/// <summary>
/// The built graph: starts every resource once what it waits for is up (in parallel otherwise), shows the resource
/// table, echoes the logs, and stops everything within 10 s on Ctrl+C / SIGTERM. Each process runs in its own process
/// group watched by a watchdog, so nothing survives the AppHost, even killed with SIGKILL.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private static readonly TimeSpan ServiceStopGrace = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan ServerStopGrace = TimeSpan.FromSeconds(5);
    private readonly List<Resource> _resources;
    private readonly RunContext _context;
    private readonly LogEcho? _echo;
    private readonly RunStateFile _stateFile;

    internal DistributedApplication(AppHostOptions options, List<Resource> resources)
    {
        Options = options;
        _resources = resources;
        var root = BuiltProject.RepositoryRoot() ?? throw new InvalidOperationException("Airadcr.sln not found above " + AppContext.BaseDirectory);
        _context = new RunContext(options, root);
        _echo = options.Quiet ? null : new LogEcho(Console.Out);
        _stateFile = new RunStateFile(Path.Combine(options.DataDirectory, "resources.json"));
    }

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(AppHostOptions.Parse(args));

    public AppHostOptions Options { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    public Resource this[string name] => _resources.Single(r => r.Name == name);

    /// <summary>
    /// <c>run</c>: start, wait for Ctrl+C/SIGTERM, stop (exit code 1 when the start failed or was refused, after stopping
    /// what had started). <c>publish</c>: write docker-compose.yaml.
    /// </summary>
    public async Task<int> RunAsync()
    {
        if (Options.Help)
        {
            Console.WriteLine(AppHostOptions.Usage);
            return 0;
        }
        if (Options.Command == "publish")
        {
            var written = ComposePublisher.Write(_resources, Options.PublishOutput!, _context.RepositoryRoot);
            Console.WriteLine($"Wrote {written} (docker compose -f {written} up)");
            return 0;
        }
        if (AppHostTesting.Capture(this) is { } capture)
        {
            return await capture.RunAsync(this);
        }
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
        var started = false;
        try
        {
            await StartAsync(stop.Token);
            started = true;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("AppHost: interrupted during start-up");
        }
        catch (Exception error)
        {
            Console.Error.WriteLine($"AppHost: {error.Message}");
        }
        ResourceTable.Write(Console.Out, _resources);
        if (started && !stop.IsCancellationRequested)
        {
            Console.WriteLine("AIRADCR is running. Ctrl+C stops everything.");
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        Console.WriteLine("Stopping...");
        await StopAsync();
        return started ? 0 : 1;
    }

    /// <summary>
    /// Starts the graph. Throws when a resource failed (the others keep running until <see cref="StopAsync"/>), and,
    /// with <c>--strict</c>, before anything starts when a server program is missing.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        RefuseMissingProgramsWhenStrict();
        if (Options.Fresh && Directory.Exists(Options.DataDirectory))
        {
            Directory.Delete(Options.DataDirectory, recursive: true);
        }
        Directory.CreateDirectory(Options.DataDirectory);
        foreach (var project in _resources.OfType<ProjectResource>())
        {
            project.Resolve(_context);
        }
        var started = _resources.ToDictionary(r => r, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await Task.WhenAll(_resources.Select(r => StartOneAsync(r, started, cancellationToken)));
        _stateFile.Write(_resources);
        var failed = _resources.Where(r => r.State == ResourceState.Failed).ToList();
        if (failed.Count > 0)
        {
            throw new InvalidOperationException(string.Join('\n', failed.Select(r => $"{r.Name} failed: {r.StateDetail}")));
        }
    }

    /// <summary><c>--strict</c>: no server on a fallback. Names every missing program's package before anything starts.</summary>
    private void RefuseMissingProgramsWhenStrict()
    {
        if (!Options.Strict)
        {
            return;
        }
        var missing = _resources.OfType<ServerResource>()
            .Select(server => (server.Name, Missing: server.MissingProgram(Options)))
            .Where(server => server.Missing is not null)
            .Select(server => $"{server.Name}: {ServerResource.Describe(server.Missing!)}")
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"--strict: not starting, server programs are missing:\n{string.Join('\n', missing)}");
        }
    }

    private async Task StartOneAsync(Resource resource, Dictionary<Resource, TaskCompletionSource> started, CancellationToken cancellationToken)
    {
        try
        {
            if (resource.State == ResourceState.Absent)
            {
                return;
            }
            resource.SetState(ResourceState.Waiting);
            await Task.WhenAll(resource.WaitsFor.Select(d => started[d].Task));
            var broken = resource.WaitsFor.FirstOrDefault(d => d.State == ResourceState.Failed);
            if (broken is not null)
            {
                resource.SetState(ResourceState.Failed, $"{broken.Name} failed");
                return;
            }
            resource.SetState(ResourceState.Starting);
            if (resource is not PostgresDatabaseResource)
            {
                _echo?.Follow(resource.Name, _context.LogPathOf(resource));
            }
            await resource.StartAsync(_context, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            resource.SetState(ResourceState.Failed, error.Message);
        }
        finally
        {
            started[resource].TrySetResult();
        }
    }

    /// <summary>SIGKILL to one resource (a crash), e.g. the gateway in the middle of a study.</summary>
    public Task KillAsync(string name) => ((ProjectResource)this[name]).KillAsync();

    /// <summary>Starts one resource again with the same ports and configuration.</summary>
    public async Task RestartAsync(string name, CancellationToken cancellationToken)
    {
        var resource = this[name];
        await resource.StopAsync(ServiceStopGrace);
        resource.SetState(ResourceState.Starting);
        await resource.StartAsync(_context, cancellationToken);
        _stateFile.Write(_resources);
    }

    /// <summary>Services first, then servers; SIGKILL for whatever has not stopped within the grace (10 s in all).</summary>
    public async Task StopAsync()
    {
        await Task.WhenAll(_resources.OfType<ProjectResource>().Select(r => StopOneAsync(r, ServiceStopGrace)));
        await Task.WhenAll(_resources.Where(r => r is not ProjectResource).Select(r => StopOneAsync(r, ServerStopGrace)));
        if (_echo is not null)
        {
            await _echo.DisposeAsync();
        }
        _stateFile.Write(_resources);
    }

    private async Task StopOneAsync(Resource resource, TimeSpan grace)
    {
        if (resource.Process is null)
        {
            return;
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await resource.StopAsync(grace);
        if (!Options.Quiet)
        {
            Console.WriteLine($"Stopped {resource.Name} in {watch.Elapsed.TotalSeconds:0.0} s");
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
