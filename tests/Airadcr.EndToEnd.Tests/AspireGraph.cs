using System.Net.Http.Headers;
using System.Text;
using Airadcr.Testing;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Airadcr.EndToEnd.Tests;

/// <summary>
/// The AIRADCR graph booted with Aspire.Hosting.Testing over the real AppHost project (its Program.cs, DCP, the
/// servers as executables, the four services) in a fresh run folder, every port random, studies stable after 1 s,
/// every service exporting telemetry to <see cref="Traces"/>. Returns once every service is healthy.
/// </summary>
public sealed class AspireGraph : IAsyncLifetime
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(5);
    private readonly FixtureDirectory _directory = RunFolder.Create("e2e");
    private DistributedApplication? _app;

    public OtlpTraceReceiver Traces { get; private set; } = null!;

    /// <summary>More AppHost arguments after the fixture's own, e.g. <c>--server-path EMPTY</c>.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary><c>--strict</c> (the default): a missing server program fails the start instead of leaving it out.</summary>
    public bool Strict { get; init; } = true;

    /// <summary>The services this graph waits for (all four by default).</summary>
    public IReadOnlyList<string> Services { get; init; } = ["reportapi", "inference", "dicomgateway", "web"];

    public DistributedApplication App => _app ?? throw new InvalidOperationException("not started");

    public string Run => _directory.Combine("run");

    public async ValueTask InitializeAsync()
    {
        using var deadline = new CancellationTokenSource(StartDeadline);
        Traces = await OtlpTraceReceiver.StartAsync(deadline.Token);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Airadcr_AppHost>(
            ["--data", Run, "--fresh", .. Strict ? ["--strict"] : Array.Empty<string>(), "--servers", "executables", "--stable-seconds", "1",
             "--otlp", Traces.Endpoint, "--otlp-protocol", "http/protobuf", "--DcpPublisher:RandomizePorts=true", .. ExtraArguments],
            deadline.Token);
        _app = await builder.BuildAsync(deadline.Token);
        await _app.StartAsync(deadline.Token);
        try
        {
            foreach (var service in Services)
            {
                await _app.ResourceNotifications.WaitForResourceHealthyAsync(service, deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the graph was not healthy within {StartDeadline}:\n{ResourceStates()}");
        }
    }

    /// <summary>Every resource's state changes (the AppHost's <c>logs/resources.log</c>), for failure messages.</summary>
    public string ResourceStates() => LogTail("resources", 60);

    /// <summary>A secret the AppHost keeps in the run folder (<c>secrets/{name}</c>).</summary>
    public string Secret(string name) => File.ReadAllText(Path.Combine(Run, "secrets", name)).Trim();

    public Uri Endpoint(string resource, string endpoint = "http") => App.GetEndpoint(resource, endpoint);

    public int Port(string resource, string endpoint) => Endpoint(resource, endpoint).Port;

    /// <summary>Orthanc's REST API and DICOMweb with the credentials generated for this run folder.</summary>
    public HttpClient PacsClient()
    {
        var client = new HttpClient { BaseAddress = Endpoint("pacs") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"airadcr:{Secret("orthanc-password")}")));
        return client;
    }

    /// <summary>The ReportApi with the API key the AppHost keeps for a RIS or a script.</summary>
    public HttpClient ReportApiClient()
    {
        var client = new HttpClient { BaseAddress = Endpoint("reportapi") };
        client.DefaultRequestHeaders.Add("X-API-Key", Secret("reportapi-key"));
        return client;
    }

    /// <summary>The gateway's HTTP API with its admin key (its /admin/* needs it).</summary>
    public HttpClient GatewayClient()
    {
        var client = new HttpClient { BaseAddress = Endpoint("dicomgateway") };
        client.DefaultRequestHeaders.Add("X-Admin-Key", Secret("gateway-admin-key"));
        return client;
    }

    /// <summary>The whole log file of a resource ("" when it has none).</summary>
    public string Log(string resource)
    {
        var path = Path.Combine(Run, "logs", resource + ".log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    public string LogTail(string resource, int lines = 40)
    {
        var path = Path.Combine(Run, "logs", resource + ".log");
        return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(lines)) : "(no log)";
    }

    /// <summary>Kills (SIGKILL) every process of a service: <c>dotnet run</c>, which DCP started, and the service itself.</summary>
    public void Kill(string service)
    {
        foreach (var pid in GraphProcesses.WithEnvironment("AIRADCR_DATA_DIR=" + Path.Combine(Run, service)))
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await Traces.DisposeAsync();
        _directory.Dispose();
    }
}
