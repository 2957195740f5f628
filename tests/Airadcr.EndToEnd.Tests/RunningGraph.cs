using System.Net.Http.Headers;
using System.Text;
using Airadcr.AppHost.Hosting;
using Airadcr.Testing;

namespace Airadcr.EndToEnd.Tests;

/// <summary>
/// The AIRADCR graph booted through the AppHost's own Program.cs (in-process, like Aspire's testing builder) in a
/// fresh run folder, studies stable after 1 s, every service exporting traces to <see cref="Traces"/>.
/// </summary>
public sealed class RunningGraph : IAsyncLifetime
{
    private readonly FixtureDirectory _directory = RunFolder.Create("e2e");
    private AppHostTesting? _host;

    public OtlpTraceReceiver Traces { get; private set; } = null!;

    /// <summary>More AppHost arguments, after the fixture's own (a later one wins), e.g. <c>--configuration Release</c>.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    public DistributedApplication App => _host?.Application ?? throw new InvalidOperationException("not started");

    public OrthancResource Pacs => (OrthancResource)App["pacs"];

    public ProjectResource ReportApi => (ProjectResource)App["reportapi"];

    public ProjectResource Gateway => (ProjectResource)App["dicomgateway"];

    public ProjectResource Web => (ProjectResource)App["web"];

    public async ValueTask InitializeAsync()
    {
        var ct = CancellationToken.None;
        Traces = await OtlpTraceReceiver.StartAsync(ct);
        _host = await AppHostTesting.StartAsync(
            ["--data", _directory.Combine("run"), "--fresh", "--quiet", "--strict", "--stable-seconds", "1",
             "--otlp", Traces.Endpoint, "--otlp-protocol", "http/protobuf", .. ExtraArguments], ct);
    }

    /// <summary>Orthanc's REST API and DICOMweb with the credentials generated for this run.</summary>
    public HttpClient PacsClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(Pacs.Http.Url + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Pacs.UserName}:{Pacs.Password}")));
        return client;
    }

    /// <summary>The ReportApi with the API key the AppHost registered for this run.</summary>
    public HttpClient ReportApiClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(ReportApi.Http.Url + "/") };
        client.DefaultRequestHeaders.Add("X-API-Key", ReportApi.Environment["AIRADCR_PROD_API_KEY"]);
        return client;
    }

    /// <summary>The gateway's HTTP API with the admin key the AppHost generated for this run (its /admin/* needs it).</summary>
    public HttpClient GatewayClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(Gateway.Http.Url + "/") };
        client.DefaultRequestHeaders.Add("X-Admin-Key", Gateway.Environment["Gateway__AdminKey"]);
        return client;
    }

    /// <summary>The whole log file of a resource ("" when it has none).</summary>
    public string Log(string resource)
    {
        var path = Path.Combine(_directory.Combine("run"), "logs", resource + ".log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    /// <summary>The log file of a resource, for failure messages.</summary>
    public string LogTail(string resource, int lines = 40)
    {
        var path = Path.Combine(_directory.Combine("run"), "logs", resource + ".log");
        return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(lines)) : "(no log)";
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        await Traces.DisposeAsync();
        _directory.Dispose();
    }
}
