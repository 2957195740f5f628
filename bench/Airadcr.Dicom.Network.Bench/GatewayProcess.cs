using System.Globalization;
using Airadcr.LocalServers;
using Airadcr.Testing;

/// <summary>
/// The built gateway service (<c>Airadcr.DicomGateway.dll</c>, Release) as its own process in embedded mode (SQLite
/// index, group commit, fsync), on a fresh storage folder: every run stores new instances, never duplicates.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly FixtureDirectory _storage = new("bench-gateway");
    private ServerProcess? _process;

    public int DicomPort { get; } = FreePort.Next();

    public static string Dll()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Airadcr.sln")))
        {
            root = root.Parent;
        }
        var dll = root is null ? null : Path.Combine(root.FullName, "Airadcr.DicomGateway", "bin", "Release", "net10.0", "linux-x64", "Airadcr.DicomGateway.dll");
        return dll is not null && File.Exists(dll)
            ? dll
            : throw new InvalidOperationException("the gateway is not built: run `dotnet build -c Release Airadcr.DicomGateway`");
    }

    public static async Task<GatewayProcess> StartAsync()
    {
        var gateway = new GatewayProcess();
        gateway._process = ServerProcess.Start("gateway", ToolLocator.Find("dotnet", "dotnet-sdk-10.0"), [Dll()],
            gateway._storage.Combine("gateway.log"), new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Gateway__Port"] = gateway.DicomPort.ToString(CultureInfo.InvariantCulture),
                ["Gateway__StoragePath"] = gateway._storage.Combine("storage"),
                ["Gateway__StableSeconds"] = "3600", // no analysis during the benchmark
                ["Logging__LogLevel__Default"] = "Warning",
            });
        await Readiness.WaitAsync(gateway._process, async ct => (await DcmtkTools.EchoAsync("IA_SERVER", gateway.DicomPort, ct)).Succeeded,
            CancellationToken.None);
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        _storage.Dispose();
    }
}
