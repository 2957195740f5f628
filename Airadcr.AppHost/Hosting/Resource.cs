using Airadcr.LocalServers;

namespace Airadcr.AppHost.Hosting;

/// <summary>One node of the graph: a server or a service, its state, what it waits for, its process.</summary>
public abstract class Resource(string name)
{
    private readonly List<Resource> _waitsFor = [];

    public string Name => name;

    public ResourceState State { get; private set; } = ResourceState.NotStarted;

    /// <summary>Why it is in <see cref="State"/> (fallback reason, failure, install command).</summary>
    public string? StateDetail { get; private set; }

    /// <summary>Resources that must be up (running, or on their fallback) before this one starts.</summary>
    public IReadOnlyList<Resource> WaitsFor => _waitsFor;

    public ServerProcess? Process { get; protected set; }

    /// <summary>The graph is being written as a docker-compose file: addresses and secrets are the containers'.</summary>
    public bool Published { get; private set; }

    /// <summary>Container ports of its endpoints, in <see cref="Endpoints"/> order, when published.</summary>
    internal virtual IEnumerable<int> ContainerPorts() => Endpoints().Select(e => e.PreferredPort ?? 8080);

    internal void MarkPublished()
    {
        Published = true;
        foreach (var (endpoint, port) in Endpoints().Zip(ContainerPorts()))
        {
            endpoint.Publish(Name, port);
        }
    }

    /// <summary>What the resource table shows for it: label -> address.</summary>
    public abstract IEnumerable<(string Label, string Address)> Urls();

    /// <summary>Its endpoints, allocated when the graph is built.</summary>
    internal virtual IEnumerable<Endpoint> Endpoints() => [];

    /// <summary>Starts it and returns once it answers (or is on its fallback).</summary>
    internal abstract Task StartAsync(RunContext context, CancellationToken cancellationToken);

    internal async Task StopAsync(TimeSpan grace)
    {
        if (Process is { } process)
        {
            Process = null;
            await process.StopAsync(grace);
            SetState(ResourceState.Stopped);
        }
    }

    internal void AddWait(Resource resource)
    {
        if (resource != this && !_waitsFor.Contains(resource))
        {
            _waitsFor.Add(resource);
        }
    }

    internal void SetState(ResourceState state, string? detail = null)
    {
        State = state;
        StateDetail = detail;
    }
}
