using System.Globalization;
using Airadcr.Testing;

namespace Airadcr.ReportApi.Tests.Infrastructure;

/// <summary>
/// The ReportApi as users run it: <c>dotnet Airadcr.ReportApi.dll</c> in its own process on a real loopback port,
/// configured only through AIRADCR_* / Airadcr__* environment variables.
/// </summary>
public sealed class ReportApiProcess : IAsyncDisposable
{
    private readonly ServerProcess process;

    private ReportApiProcess(ServerProcess process, string dataDirectory, int port)
    {
        this.process = process;
        DataDirectory = dataDirectory;
        Port = port;
    }

    public string DataDirectory { get; }

    /// <summary>The port asked for (http_port); the server may have fallen back to a later one.</summary>
    public int Port { get; }

    public string BaseUrl(int? port = null) => $"http://127.0.0.1:{(port ?? Port).ToString(CultureInfo.InvariantCulture)}";

    public int Pid => process.Pid;

    public string LogTail(int lines = 60) => process.LogTail(lines);

    public static async Task<ReportApiProcess> StartAsync(string dataDirectory, int port,
        IReadOnlyDictionary<string, string>? environment = null, int? expectedPort = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Airadcr.ReportApi.dll");
        var variables = new Dictionary<string, string>
        {
            ["AIRADCR_DATA_DIR"] = dataDirectory,
            ["AIRADCR_ADMIN_KEY"] = TestKeys.Admin,
            ["AIRADCR_PROD_API_KEY"] = TestKeys.Api,
            ["Airadcr__http_port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Airadcr__rate_limit_per_minute"] = "0",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        var server = ServerProcess.Start("reportapi", Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? ToolLocator.Find("dotnet", "dotnet-sdk-10.0"), [dll],
            Path.Combine(Path.GetTempPath(), $"airadcr-reportapi-{Guid.NewGuid():N}.log"), variables);
        var api = new ReportApiProcess(server, dataDirectory, port);
        using var http = new HttpClient();
        var healthUrl = api.BaseUrl(expectedPort) + "/health";
        await Readiness.WaitAsync(server, async ct => (await http.GetAsync(healthUrl, ct)).IsSuccessStatusCode, CancellationToken.None);
        return api;
    }

    /// <summary>kill -9: no shutdown, no flush.</summary>
    public async Task KillAsync()
    {
        using (var target = System.Diagnostics.Process.GetProcessById(process.Pid))
        {
            target.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
