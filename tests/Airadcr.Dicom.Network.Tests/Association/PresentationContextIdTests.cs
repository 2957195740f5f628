using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;
using Airadcr.Dicom.Network.Tests.Robustness;

namespace Airadcr.Dicom.Network.Tests.Association;

/// <summary>PS3.8 9.3.2.2: presentation context IDs are odd integers 1..255, unique in an association (issue 20, 9a).</summary>
public sealed class PresentationContextIdTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_hundred_proposed_contexts_are_answered_once_per_valid_id()
    {
        await using var scp = ScpUnderTest.Start();
        await using var peer = await RawPeer.ConnectAsync(scp.Port, Ct);
        var proposals = Enumerable.Range(0, 200)
            .Select(i => new PresentationContextProposal((byte)(i * 2 + 1), i == 0 ? DicomUids.Verification : i < 128 ? DicomUids.CTImageStorage : "1.2.3.4",
                [DicomUids.ImplicitVRLittleEndian]))
            .Append(new PresentationContextProposal(2, DicomUids.CTImageStorage, [DicomUids.ImplicitVRLittleEndian]))
            .ToList();

        await peer.SendAsync(PduEncoder.Encode(new AssociateRequestPdu(ScpUnderTest.AeTitle, "RAW_PEER", proposals,
            new UserInformation { MaxPduLength = 16384 })), Ct);
        var accept = Assert.IsType<AssociateAcceptPdu>(await peer.ReadPduAsync(Ct));

        var ids = accept.PresentationContexts.Select(c => c.Id).ToList();
        Assert.Equal(128, ids.Distinct().Count());
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(1, id % 2));
        Assert.All(accept.PresentationContexts, c => Assert.Equal(PresentationContextOutcome.Acceptance, c.Outcome));
        await peer.SendAsync(RawPeer.EchoRequest(1), Ct);
        Assert.Equal(DicomStatus.Success, (await peer.ReadCommandAsync(Ct)).Status);
    }
}
