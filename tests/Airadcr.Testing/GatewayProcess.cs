using System.Globalization;

namespace Airadcr.Testing;

/// <summary>The gateway as a separate process (the built <c>Airadcr.DicomGateway.dll</c>), so that it can be killed.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private GatewayProcess(ServerProcess process, int dicomPort, int httpPort)
    {
        Process = process;
        DicomPort = dicomPort;
        HttpClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}") };
    }

    /// <summary>The gateway's default AE title (<c>Gateway:AeTitle</c>).</summary>
    public const string AeTitle = "IA_SERVER";

    public ServerProcess Process { get; }

    public int DicomPort { get; }

    public HttpClient HttpClient { get; }

    /// <summary>
    /// Starts the gateway (<paramref name="dll"/>, else the newest build of <c>Airadcr.DicomGateway</c>) and waits for its
    /// C-ECHO; <paramref name="settings"/> (environment form) override the defaults set here.
    /// </summary>
    public static async Task<GatewayProcess> StartAsync(string storagePath, int dicomPort, string logPath, CancellationToken ct,
        int? httpPort = null, IReadOnlyDictionary<string, string>? settings = null, string? dll = null)
    {
        var port = httpPort ?? FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["Gateway__Port"] = dicomPort.ToString(CultureInfo.InvariantCulture),
            ["Gateway__StoragePath"] = storagePath,
            ["Gateway__StableSeconds"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        var process = BuiltService.Start("gateway", dll ?? BuiltService.Find("Airadcr.DicomGateway"), port, logPath, environment);
        await Readiness.WaitAsync(process, async token => (await DcmtkTools.EchoAsync(AeTitle, dicomPort, token)).Succeeded, ct);
        return new GatewayProcess(process, dicomPort, port);
    }

    /// <summary>SIGKILL to the whole process group: no shutdown code runs.</summary>
    public void Kill() => Process.Kill();

    public async ValueTask DisposeAsync()
    {
        HttpClient.Dispose();
        await Process.DisposeAsync();
    }
}
