using System.Globalization;
using Airadcr.Testing;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// <see cref="WebStack"/> with its neighbours present: a real gateway process (embedded mode, its DICOM port for
/// storescu, thumbnails and /admin for the Web) and TÉO Hub enabled in the ReportApi, pointing at a
/// <see cref="TeoHubStandIn"/> (a third party we cannot run here).
/// </summary>
public sealed class GatewayWebStack : WebStack
{
    public const string TeoHubToken = "teo-web-token";

    public GatewayProcess Gateway { get; private set; } = default!;

    public TeoHubStandIn TeoHub { get; private set; } = default!;

    /// <summary>The gateway's sync relay listener (<c>IA_SYNC</c>), for archives a test registers.</summary>
    public int RelayPort { get; } = FreePort.Next();

    protected override string GatewayUrl => Gateway.HttpClient.BaseAddress!.ToString();

    protected override async Task StartNeighboursAsync(CancellationToken ct)
    {
        TeoHub = new TeoHubStandIn();
        Gateway = await GatewayProcess.StartAsync(Folder.Combine("gateway-storage"), FreePort.Next(), Folder.Combine("gateway.log"), ct,
            settings: new Dictionary<string, string> { ["Gateway__Sync__RelayPort"] = RelayPort.ToString(CultureInfo.InvariantCulture) });
    }

    protected override void ConfigureReportApi(IDictionary<string, string> environment)
    {
        environment["Airadcr__teo_hub__enabled"] = "true";
        environment["Airadcr__teo_hub__host"] = "127.0.0.1";
        environment["Airadcr__teo_hub__port"] = TeoHub.Port.ToString(CultureInfo.InvariantCulture);
        environment["Airadcr__teo_hub__retry_count"] = "0";
        environment["AIRADCR_TEO_HUB_TOKEN"] = TeoHubToken;
    }

    protected override async ValueTask StopNeighboursAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }
        if (TeoHub is not null)
        {
            await TeoHub.DisposeAsync();
        }
    }
}

/// <summary>Runs alone, after the parallel collections: two stacks and browsers at once overload a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GatewayWebStackCollection : ICollectionFixture<GatewayWebStack>, ICollectionFixture<BrowserSession>
{
    public const string Name = "web stack with gateway";
}
