using Airadcr.DicomGateway.Dicom;
using Airadcr.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Airadcr.DicomGateway.Tests;

/// <summary>
/// The gateway on a real DICOM port (its HTTP API in memory), storing into a temporary folder, in embedded mode or in
/// server mode against real PostgreSQL and Redis.
/// </summary>
public class GatewayHost(GatewayMode mode, IReadOnlyDictionary<string, string>? overrides = null) : IAsyncLifetime
{
    private readonly FixtureDirectory _storage = new("gateway");
    private WebApplicationFactory<Program>? _factory;
    private GatewayBackends? _backends;

    public const string AeTitle = GatewayProcess.AeTitle;

    public GatewayMode Mode => mode;

    /// <summary>The DICOM port: <c>Gateway:Port</c> when the overrides set it (peers that must know it in advance), else a free one.</summary>
    public int DicomPort { get; } = overrides?.TryGetValue("Gateway:Port", out var port) == true
        ? int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) : FreePort.Next();

    public string StoragePath => _storage.Path;

    public IServiceProvider Services => Factory.Services;

    public HttpClient CreateClient() => Factory.CreateClient();

    private WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("not started");

    private IEnumerable<KeyValuePair<string, string>> Settings()
    {
        var settings = new Dictionary<string, string>
        {
            ["Gateway:Port"] = DicomPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:StoragePath"] = _storage.Path,
            ["Gateway:StableSeconds"] = "2",
        };
        foreach (var (key, value) in (_backends?.Settings ?? new Dictionary<string, string>()).Concat(overrides ?? new Dictionary<string, string>()))
        {
            settings[key] = value;
        }
        return settings;
    }

    public virtual async ValueTask InitializeAsync()
    {
        _backends = await GatewayBackends.StartAsync(mode, CancellationToken.None);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            foreach (var (key, value) in Settings())
            {
                web.UseSetting(key, value);
            }
        });
        _ = Factory.Services.GetRequiredService<DicomScpService>();
        using var client = Factory.CreateClient(); // starts the host, hence the SCP
        (await DcmtkTools.EchoAsync(AeTitle, DicomPort, CancellationToken.None)).EnsureSuccess();
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        if (_backends is not null)
        {
            await _backends.DisposeAsync();
        }
        _storage.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The gateway in embedded mode, for a collection fixture.</summary>
public sealed class EmbeddedGatewayHost() : GatewayHost(GatewayMode.Embedded);

/// <summary>The gateway in server mode, for a collection fixture.</summary>
public sealed class ServerModeGatewayHost() : GatewayHost(GatewayMode.Server);
