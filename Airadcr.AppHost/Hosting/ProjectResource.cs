using System.Globalization;
using System.Net.Sockets;
using Airadcr.LocalServers;

namespace Airadcr.AppHost.Hosting;

/// <summary>
/// One of our services, started from its build output (<c>dotnet {project}/bin/.../{project}.dll</c>) with Aspire's
/// environment contract; ready when its HTTP health path answers and its extra TCP endpoints accept connections.
/// Absent (not an error) when the project is not in this checkout or not built.
/// </summary>
public sealed class ProjectResource(string name, string projectName) : Resource(name), IResourceWithServiceDiscovery
{
    private readonly List<object> _references = [];
    private readonly List<(string Key, Func<string?> Value)> _environment = [];
    private readonly List<(Endpoint Endpoint, string Label)> _tcpEndpoints = [];
    private readonly List<(string Label, string Path)> _links = [];
    private Endpoint _http = new("http", null);
    private string _healthPath = "/ready";
    private string? _dll;

    public string ProjectName => projectName;

    public Endpoint Http => _http;

    /// <summary>Its address is known before it starts (ports are allocated up front); false once absent or failed.</summary>
    public bool IsReachable => Published || State is not (ResourceState.Absent or ResourceState.Failed or ResourceState.Stopped);

    /// <summary>The environment it was (or will be) started with.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    internal IReadOnlyList<object> References => _references;

    internal IReadOnlyList<(string Key, Func<string?> Value)> ExtraEnvironment => _environment;

    internal IReadOnlyList<(Endpoint Endpoint, string Label)> TcpEndpoints => _tcpEndpoints;

    public ProjectResource WithHttpEndpoint(int? port)
    {
        _http = new Endpoint("http", port);
        return this;
    }

    /// <summary>A TCP endpoint (e.g. DICOM) passed to the service in <paramref name="environmentKey"/>, checked for readiness.</summary>
    public ProjectResource WithTcpEndpoint(string endpointName, int? port, string environmentKey, string label)
    {
        var endpoint = new Endpoint(endpointName, port);
        _tcpEndpoints.Add((endpoint, label));
        return WithEnvironment(environmentKey, () => endpoint.Port.ToString(CultureInfo.InvariantCulture));
    }

    public Endpoint GetEndpoint(string endpointName) =>
        endpointName == "http" ? _http : _tcpEndpoints.Single(e => e.Endpoint.Name == endpointName).Endpoint;

    public ProjectResource WithHealthPath(string path)
    {
        _healthPath = path;
        return this;
    }

    /// <summary>A page shown in the resource table (e.g. Scalar docs).</summary>
    public ProjectResource WithLink(string label, string path)
    {
        _links.Add((label, path));
        return this;
    }

    public ProjectResource WithEnvironment(string key, Func<string?> value)
    {
        _environment.Add((key, value));
        return this;
    }

    public ProjectResource WithEnvironment(string key, string value) => WithEnvironment(key, () => value);

    internal void AddReference(object resource) => _references.Add(resource);

    public override IEnumerable<(string, string)> Urls()
    {
        if (State is ResourceState.Absent or ResourceState.NotStarted)
        {
            return [];
        }
        return [("http", _http.Url), .. _links.Select(link => (link.Label, _http.Url + link.Path)),
                .. _tcpEndpoints.Select(e => (e.Endpoint.Name, $"{e.Label}@127.0.0.1:{e.Endpoint.Port.ToString(CultureInfo.InvariantCulture)}"))];
    }

    internal override IEnumerable<Endpoint> Endpoints() => [_http, .. _tcpEndpoints.Select(e => e.Endpoint)];

    /// <summary>In a container every service listens on 8080; TCP endpoints keep their well-known port.</summary>
    internal override IEnumerable<int> ContainerPorts() => [8080, .. _tcpEndpoints.Select(e => e.Endpoint.PreferredPort ?? 8080)];

    /// <summary>Finds the build output before anything starts; marks the project absent when there is none.</summary>
    internal void Resolve(RunContext context)
    {
        if (!Directory.Exists(Path.Combine(context.RepositoryRoot, projectName)))
        {
            SetState(ResourceState.Absent, $"{projectName} is not in this checkout");
            return;
        }
        var configuration = context.Options.Configuration;
        _dll = BuiltProject.TryFind(projectName, context.RepositoryRoot, configuration);
        if (_dll is null)
        {
            SetState(ResourceState.Absent,
                $"not built: dotnet build {(configuration is null ? "" : $"-c {configuration} ")}{projectName}/{projectName}.csproj");
        }
    }

    internal override async Task StartAsync(RunContext context, CancellationToken cancellationToken)
    {
        if (_dll is null)
        {
            return;
        }
        SetState(ResourceState.Starting);
        Environment = ProjectEnvironment.For(this, context);
        Process = BuiltProject.Start(Name, _dll, context.LogPathOf(this), Environment);
        using var client = new HttpClient { BaseAddress = new Uri(_http.Url), Timeout = TimeSpan.FromSeconds(5) };
        await Readiness.WaitAsync(Process, async ct => (await client.GetAsync(_healthPath, ct)).IsSuccessStatusCode, cancellationToken);
        foreach (var (endpoint, _) in _tcpEndpoints)
        {
            await Readiness.WaitAsync(Process, async ct =>
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(endpoint.Host, endpoint.Port, ct);
                return true;
            }, cancellationToken);
        }
        SetState(ResourceState.Running);
    }

    /// <summary>SIGKILL to the service's process group, as a crash: no shutdown code runs.</summary>
    internal async Task KillAsync()
    {
        if (Process is { } process)
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
            SetState(ResourceState.Exited, "killed");
        }
    }
}
