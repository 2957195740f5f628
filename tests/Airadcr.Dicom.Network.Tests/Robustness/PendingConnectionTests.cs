using Airadcr.Dicom.Network.Client;
using Airadcr.Dicom.Network.Pdus;
using Airadcr.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Airadcr.Dicom.Network.Tests.Robustness;

/// <summary>
/// Connections that have not sent their A-ASSOCIATE-RQ (issue 20, item 2: 25 idle sockets made every modality's
/// association fail with "local limit exceeded" until the 30 s ARTIM expired). They hold no association slot, are
/// bounded in number per remote address and in all, and a legitimate peer still associates among them.
/// </summary>
public sealed class PendingConnectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_c_echo_succeeds_while_200_sockets_trickle_their_request_from_the_same_address()
    {
        await using var scp = ScpUnderTest.Start();
        await using var trickle = await TricklingPeers.OpenAsync(scp.Port, 200, Ct);

        (await DcmtkTools.EchoAsync(ScpUnderTest.AeTitle, scp.Port, Ct)).EnsureSuccess();
        Assert.InRange(scp.Server.PendingConnections, 0, new Server.DicomServerOptions().MaxPendingConnectionsPerAddress);
        Assert.NotEmpty(scp.Log.MessagesOf(1100));
    }

    [Fact]
    public async Task A_connection_that_sends_no_request_is_aborted_at_its_timeout_and_logged()
    {
        await using var scp = ScpUnderTest.Start(configure: o => o with { AssociationRequestTimeout = TimeSpan.FromMilliseconds(200) });
        await using var idle = await RawPeer.ConnectAsync(scp.Port, Ct);

        var seen = await idle.ReadUntilClosedAsync(Ct);

        Assert.IsType<AbortPdu>(Assert.Single(seen));
        await scp.WaitForIdleAsync(Ct);
        Assert.Contains("no PDU within 0.2 s", Assert.Single(scp.Log.MessagesOf(1101)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_association_over_the_limit_is_logged_with_the_limit()
    {
        await using var scp = ScpUnderTest.Start(configure: o => o with { MaxAssociations = 1 });
        await using var first = await DicomClient.ConnectAsync(scp.ClientOptions(), PresentationContexts.Verification(), Ct);

        await Assert.ThrowsAsync<DicomAssociationRejectedException>(() =>
            DicomClient.ConnectAsync(scp.ClientOptions("SECOND"), PresentationContexts.Verification(), Ct));

        Assert.Contains("SECOND", Assert.Single(scp.Log.MessagesOf(1103)), StringComparison.Ordinal);
        await first.ReleaseAsync(Ct);
    }

    [Fact]
    public async Task Evictions_are_logged_once_a_second_with_their_count_not_once_each()
    {
        var time = new FakeTimeProvider();
        await using var scp = ScpUnderTest.Start(configure: o => o with { TimeProvider = time });
        await using (await TricklingPeers.OpenAsync(scp.Port, 200, Ct))
        {
            (await DcmtkTools.EchoAsync(ScpUnderTest.AeTitle, scp.Port, Ct)).EnsureSuccess();
            Assert.Contains("evicted since the last such line", Assert.Single(scp.Log.MessagesOf(1100)), StringComparison.Ordinal);

            time.Advance(TimeSpan.FromSeconds(1));
            await using var more = await TricklingPeers.OpenAsync(scp.Port, 20, Ct);
            (await DcmtkTools.EchoAsync(ScpUnderTest.AeTitle, scp.Port, Ct)).EnsureSuccess();

            Assert.Equal(2, scp.Log.MessagesOf(1100).Count);
        }
    }
}
