using System.Net;
using System.Net.Sockets;
using Airadcr.Dicom.Network.Client;
using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Dicom.Network.Tests.Association;

/// <summary>The requestor side of PS3.8's release collision (Sta9 -> Sta11): both sides send A-RELEASE-RQ; the
/// requestor answers the acceptor's with A-RELEASE-RP, then waits for its own.</summary>
public sealed class ReleaseCollisionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Release_collision_ends_in_an_orderly_release_on_both_sides()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var acceptor = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync(Ct);
            var stream = socket.GetStream();
            var reader = new PduReader(stream, 0);
            var rq = Assert.IsType<AssociateRequestPdu>(await reader.ReadAsync(Ct));
            await stream.WriteAsync(PduEncoder.Encode(new AssociateAcceptPdu(rq.CalledAe, rq.CallingAe,
                [new PresentationContextResult(1, PresentationContextOutcome.Acceptance, DicomUids.ImplicitVRLittleEndian)],
                new UserInformation { MaxPduLength = 16384 })), Ct);
            Assert.IsType<ReleaseRequestPdu>(await reader.ReadAsync(Ct));
            await stream.WriteAsync(PduEncoder.Encode(ReleaseRequestPdu.Instance), Ct);   // the collision
            Assert.IsType<ReleaseResponsePdu>(await reader.ReadAsync(Ct));               // requestor answers ours
            await stream.WriteAsync(PduEncoder.Encode(ReleaseResponsePdu.Instance), Ct); // then we answer its
            return await reader.ReadAsync(Ct);                                           // and it closes
        }, Ct);

        var association = await DicomClient.ConnectAsync(
            new DicomClientOptions { Host = "127.0.0.1", Port = port, CalledAe = "ACCEPTOR" }, PresentationContexts.Verification(), Ct);
        await association.ReleaseAsync(Ct);

        Assert.Equal(AssociationState.Released, association.State);
        Assert.Null(await acceptor);
    }
}
