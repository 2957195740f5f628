using Airadcr.DicomGateway.Dicom;
using Airadcr.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Airadcr.DicomGateway.Tests;

/// <summary>The gateway on a real DICOM port (its HTTP API in memory), storing into a temporary folder.</summary>
public class GatewayHost : IAsyncLifetime
{
    private readonly FixtureDirectory _storage = new("gateway");
    private WebApplicationFactory<Program>? _factory;

    public const string AeTitle = GatewayProcess.AeTitle;

    public int DicomPort { get; } = FreePort.Next();

    public string StoragePath => _storage.Path;

    public IServiceProvider Services => Factory.Services;

    public HttpClient CreateClient() => Factory.CreateClient();

    private WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("not started");

    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Gateway:Port", DicomPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Gateway:StoragePath", _storage.Path),
        new("Gateway:StableSeconds", "2"),
    ];

    public virtual async ValueTask InitializeAsync()
    {
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
        _storage.Dispose();
        GC.SuppressFinalize(this);
    }
}
