using System.Globalization;
using Airadcr.Testing;
using Airadcr.LocalServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Airadcr.ReportApi.Bench;

/// <summary>
/// The reference: Kestrel answering the same routes with a fixed small JSON body, no work behind it. It runs as its
/// own process (this program with <c>--bare-server PORT</c>), like the ReportApi, so both pay the same loopback and
/// scheduling costs and neither shares a process (thread pool, GC) with the load generator.
/// </summary>
internal static class BareKestrel
{
    public const string ServerArgument = "--bare-server";

    public static async Task RunAsync(int port)
    {
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
        app.MapGet("/health", () => Results.Text("""{"status":"ok"}""", "application/json"));
        await app.RunAsync();
    }

    public static Task<TargetProcess> StartAsync() =>
        TargetProcess.StartAsync("bare-kestrel", [Path.Combine(AppContext.BaseDirectory, "Airadcr.ReportApi.Bench.dll"), ServerArgument],
            new Dictionary<string, string>(), dataDirectory: null);
}

/// <summary>A target server in its own process: its base URL, and the CPU time it has used (Linux /proc).</summary>
internal sealed class TargetProcess(ServerProcess process, string baseUrl, string? dataDirectory) : IAsyncDisposable
{
    public string BaseUrl { get; } = baseUrl;

    /// <summary>User + system CPU time of the server process so far.</summary>
    public TimeSpan CpuTime() => ProcessCpu.Of(process.Pid);

    public static async Task<TargetProcess> StartAsync(
        string name, IReadOnlyList<string> arguments, Dictionary<string, string> environment, string? dataDirectory)
    {
        var port = FreePort.Next();
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? ToolLocator.Find("dotnet", "dotnet-sdk-10.0");
        var process = ServerProcess.Start(name, dotnet, dataDirectory is null ? [.. arguments, portText] : arguments,
            Path.Combine(Path.GetTempPath(), $"airadcr-bench-{name}-{portText}.log"),
            new Dictionary<string, string>(environment) { ["Airadcr__http_port"] = portText });
        var baseUrl = $"http://127.0.0.1:{portText}";
        using var http = new HttpClient();
        await Readiness.WaitAsync(process, async ct => (await http.GetAsync(baseUrl + "/health", ct)).IsSuccessStatusCode, CancellationToken.None);
        return new TargetProcess(process, baseUrl, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        if (dataDirectory is not null)
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}

/// <summary>CPU time used by a process (Linux /proc): a target server, or the load generator itself.</summary>
internal static class ProcessCpu
{
    /// <summary>USER_HZ: 100 on every Linux this runs on.</summary>
    private const int ClockTicksPerSecond = 100;

    /// <summary>User + system CPU time of process <paramref name="pid"/> so far.</summary>
    public static TimeSpan Of(int pid)
    {
        // Fields 14 and 15 of /proc/PID/stat (after the parenthesized command name) are utime and stime in clock ticks.
        var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }
}

/// <summary>The ReportApi as shipped: its own process (dotnet Airadcr.ReportApi.dll), rate limit off, fresh data dir.</summary>
internal static class ReportApiUnderTest
{
    public const string ApiKey = "airadcr_BenchmarkKey0123456789abcdefghijklmnop";

    public static Task<TargetProcess> StartAsync(IReadOnlyDictionary<string, string> extraEnvironment)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("airadcr-bench-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["AIRADCR_DATA_DIR"] = dataDirectory,
            ["AIRADCR_PROD_API_KEY"] = ApiKey,
            ["Airadcr__rate_limit_per_minute"] = "0",
            ["Airadcr__log_level"] = "warn",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in extraEnvironment)
        {
            environment[name] = value; // --server-env wins, e.g. Airadcr__log_level=debug
        }

        return TargetProcess.StartAsync("reportapi", [Path.Combine(AppContext.BaseDirectory, "Airadcr.ReportApi.dll")], environment, dataDirectory);
    }
}
