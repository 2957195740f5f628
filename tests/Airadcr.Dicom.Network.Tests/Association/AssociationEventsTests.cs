using System.Collections.Concurrent;
using Airadcr.Dicom.Network.Client;
using Airadcr.Dicom.Network.Pdus;
using Airadcr.Dicom.Network.Server;
using Airadcr.Dicom.Network.Storage;
using Airadcr.Testing;

namespace Airadcr.Dicom.Network.Tests.Association;

/// <summary>The handler hears of each association's acceptance, rejection and end (what an audit trail records), and
/// each store carries its association's id.</summary>
public sealed class AssociationEventsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_accepted_association_its_stores_and_its_release_are_told_with_one_id()
    {
        RecordingHandler? handler = null;
        await using var scp = ScpUnderTest.Start(folder => handler = new RecordingHandler(new FolderStorageHandler(folder)));
        var file = PydicomCorpus.File("CT_small.dcm");

        await using (var association = await DicomClient.ConnectAsync(scp.ClientOptions("EVENTS_SCU"), await DicomClient.StorageContextsForAsync([file], Ct), Ct))
        {
            await association.StoreAsync(file, Ct);
            await association.ReleaseAsync(Ct);
        }
        await scp.WaitForIdleAsync(Ct);

        var accepted = Assert.Single(handler!.Accepted);
        Assert.Equal(("EVENTS_SCU", ScpUnderTest.AeTitle), (accepted.CallingAe, accepted.CalledAe));
        Assert.Equal([accepted.Id], handler.StoreAssociations);
        Assert.Equal([(accepted.Id, AssociationEnd.Released)], handler.Ended);
        Assert.Empty(handler.Rejected);
    }

    [Fact]
    public async Task A_rejected_association_is_told_with_its_reason_and_never_ends()
    {
        RecordingHandler? handler = null;
        await using var scp = ScpUnderTest.Start(folder => handler = new RecordingHandler(new FolderStorageHandler(folder, allowedCallingAes: new HashSet<string> { "KNOWN" })));

        await Assert.ThrowsAnyAsync<DicomAssociationException>(async () =>
            await DicomClient.ConnectAsync(scp.ClientOptions("INTRUDER"), PresentationContexts.Verification(), Ct));
        await scp.WaitForIdleAsync(Ct);

        Assert.Equal([("INTRUDER", nameof(RejectReason.CallingAeNotRecognized))], handler!.Rejected);
        Assert.Empty(handler.Accepted);
        Assert.Empty(handler.Ended);
    }

    private sealed class RecordingHandler(IDicomServiceHandler inner) : IDicomServiceHandler
    {
        public ConcurrentQueue<AssociationInfo> Accepted { get; } = new();
        public ConcurrentQueue<(string CallingAe, string Reason)> Rejected { get; } = new();
        public ConcurrentQueue<(long Id, AssociationEnd End)> Ended { get; } = new();
        public ConcurrentQueue<long> StoreAssociations { get; } = new();

        public RejectReason? Admit(AssociationRequestInfo request) => inner.Admit(request);

        public IReadOnlyList<string> AcceptableTransferSyntaxes(string abstractSyntax) => inner.AcceptableTransferSyntaxes(abstractSyntax);

        public ValueTask<IStoreTarget> BeginStoreAsync(StoreRequest request, CancellationToken cancellationToken)
        {
            StoreAssociations.Enqueue(request.AssociationId);
            return inner.BeginStoreAsync(request, cancellationToken);
        }

        public void AssociationAccepted(AssociationInfo association) => Accepted.Enqueue(association);

        public void AssociationRejected(AssociationRequestInfo request, string reason) => Rejected.Enqueue((request.CallingAe, reason));

        public void AssociationEnded(AssociationInfo association, AssociationEnd end) => Ended.Enqueue((association.Id, end));
    }
}
