using System.Globalization;
using Airadcr.Testing;
using Airadcr.LocalServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Airadcr.ReportApi.Bench;

/// <summary>The reference: Kestrel answering the same routes with a fixed small JSON body, no work behind it.</summary>
internal sealed class BareKestrel(WebApplication app, string baseUrl) : IAsyncDisposable
{
    public string BaseUrl { get; } = baseUrl;

    public static async Task<BareKestrel> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var app = builder.Build();
        app.MapPost("/pending-report", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Text("""{"success":true,"technical_id":"X","retrieval_url":"https://airadcr.com/app?tori=true&tid=X","expires_at":"2026-02-24T10:30:00Z"}""", "application/json");
        });
        app.MapGet("/pending-report", () => Results.Text("""{"success":true,"data":{"technical_id":"X","structured":{}}}""", "application/json"));
        await app.StartAsync();
        return new BareKestrel(app, $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}

/// <summary>The ReportApi as shipped: its own process (dotnet Airadcr.ReportApi.dll), rate limit off, fresh data dir.</summary>
internal sealed class ReportApiUnderTest(ServerProcess process, string dataDirectory, string baseUrl) : IAsyncDisposable
{
    public const string ApiKey = "airadcr_BenchmarkKey0123456789abcdefghijklmnop";

    public string BaseUrl { get; } = baseUrl;

    public static async Task<ReportApiUnderTest> StartAsync(IReadOnlyDictionary<string, string> extraEnvironment)
    {
        var port = FreePort.Next();
        var dataDirectory = Directory.CreateTempSubdirectory("airadcr-bench-").FullName;
        var environment = new Dictionary<string, string>(extraEnvironment)
        {
            ["AIRADCR_DATA_DIR"] = dataDirectory,
            ["AIRADCR_PROD_API_KEY"] = ApiKey,
            ["Airadcr__http_port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Airadcr__rate_limit_per_minute"] = "0",
            ["Airadcr__log_level"] = "warn",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? ToolLocator.Find("dotnet", "dotnet-sdk-10.0");
        var process = ServerProcess.Start("reportapi", dotnet, [Path.Combine(AppContext.BaseDirectory, "Airadcr.ReportApi.dll")],
            Path.Combine(dataDirectory, "..", $"airadcr-bench-{port}.log"), environment);
        var baseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        using var http = new HttpClient();
        await Readiness.WaitAsync(process, async ct => (await http.GetAsync(baseUrl + "/health", ct)).IsSuccessStatusCode, CancellationToken.None);
        return new ReportApiUnderTest(process, dataDirectory, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
