using System.Net.Http.Json;
using Airadcr.Dicom.Network.Tests.Robustness;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>
/// Issue 20, item 2, on the gateway process: 25 idle TCP connections used to fill <c>MaxAssociations</c> until their
/// 30 s ARTIM expired, and every modality's association failed with "local limit exceeded", unlogged. Connections that
/// have not sent their A-ASSOCIATE-RQ now hold no slot, are evicted oldest first past their per-address cap (logged),
/// and a peer that associates at once gets through.
/// </summary>
public sealed class PendingConnectionFloodTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("gateway-pending");

    [Fact]
    public async Task A_c_echo_succeeds_while_200_slow_trickle_sockets_are_open_and_the_evictions_are_logged()
    {
        var ct = TestContext.Current.CancellationToken;
        var dicomPort = FreePort.Next();
        var log = _directory.Combine("gateway.log");
        await using var gateway = await GatewayProcess.StartAsync(_directory.Combine("storage"), dicomPort, log, ct);
        await using var trickle = await TricklingPeers.OpenAsync(dicomPort, 200, ct);

        (await DcmtkTools.EchoAsync(GatewayHost.AeTitle, dicomPort, ct)).EnsureSuccess();

        Assert.Contains("closed before its A-ASSOCIATE-RQ to make room", gateway.Process.LogTail(400), StringComparison.Ordinal);
        var associations = await gateway.HttpClient.GetFromJsonAsync<Apis.AdminApi.AssociationStatistics>("/admin/associations", ct);
        Assert.InRange(associations!.Pending, 0, 16); // Gateway:MaxPendingConnectionsPerAddress, all from 127.0.0.1
    }

    public void Dispose() => _directory.Dispose();
}
