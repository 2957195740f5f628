using Airadcr.Dicom.Network.Client;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;
using Airadcr.Dicom.Network.Storage;
using Airadcr.Testing;

namespace Airadcr.Dicom.Network.Tests.Interop;

[Collection(nameof(StoreScpCollection))]
public sealed class EchoTests(StoreScpServer storescp)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dcmtk_echoscu_gets_success_from_our_scp()
    {
        await using var scp = ScpUnderTest.Start();

        var result = await DcmtkTools.EchoAsync(ScpUnderTest.AeTitle, scp.Port, Ct);

        result.EnsureSuccess();
    }

    [Fact]
    public async Task Our_scu_echoes_dcmtk_storescp()
    {
        await using var association = await DicomClient.ConnectAsync(
            new DicomClientOptions { Host = "127.0.0.1", Port = storescp.Port, CalledAe = storescp.AeTitle },
            PresentationContexts.Verification(), Ct);

        Assert.Equal(DicomStatus.Success, await association.EchoAsync(Ct));
        await association.ReleaseAsync(Ct);
        Assert.Equal(AssociationState.Released, association.State);
    }

    [Fact]
    public async Task Our_scu_echoes_our_scp_many_times_on_one_association()
    {
        await using var scp = ScpUnderTest.Start();
        await using var association = await DicomClient.ConnectAsync(scp.ClientOptions(), PresentationContexts.Verification(), Ct);

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(DicomStatus.Success, await association.EchoAsync(Ct));
        }

        await association.ReleaseAsync(Ct);
    }

    [Fact]
    public async Task Wrong_called_ae_is_rejected_with_called_ae_not_recognized()
    {
        await using var scp = ScpUnderTest.Start();

        var error = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() =>
            DicomClient.ConnectAsync(scp.ClientOptions() with { CalledAe = "SOMEONE_ELSE" }, PresentationContexts.Verification(), Ct));

        Assert.Equal(RejectReason.CalledAeNotRecognized, error.Reject.Reason);
        Assert.False((await DcmtkTools.EchoAsync("SOMEONE_ELSE", scp.Port, Ct)).Succeeded);
    }

    [Fact]
    public async Task Calling_ae_outside_the_allowlist_is_rejected_and_listed_one_accepted()
    {
        await using var scp = ScpUnderTest.Start(folder => new FolderStorageHandler(folder, allowedCallingAes: new HashSet<string> { "GOOD" }));

        var error = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() =>
            DicomClient.ConnectAsync(scp.ClientOptions("BAD"), PresentationContexts.Verification(), Ct));
        Assert.Equal(RejectReason.CallingAeNotRecognized, error.Reject.Reason);
        Assert.Equal(RejectResult.Permanent, error.Reject.Result);

        (await DcmtkTools.EchoAsync(ScpUnderTest.AeTitle, scp.Port, Ct, callingAe: "GOOD")).EnsureSuccess();
    }

    [Fact]
    public async Task Association_over_the_limit_is_rejected_transiently_and_served_again_after()
    {
        await using var scp = ScpUnderTest.Start(configure: o => o with { MaxAssociations = 1 });
        await using var first = await DicomClient.ConnectAsync(scp.ClientOptions(), PresentationContexts.Verification(), Ct);

        var error = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() =>
            DicomClient.ConnectAsync(scp.ClientOptions(), PresentationContexts.Verification(), Ct));
        Assert.Equal(RejectResult.Transient, error.Reject.Result);

        await first.ReleaseAsync(Ct);
        await scp.WaitForIdleAsync(Ct);
        (await DcmtkTools.EchoAsync(ScpUnderTest.AeTitle, scp.Port, Ct)).EnsureSuccess();
    }
}
