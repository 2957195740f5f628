using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;
using Airadcr.Dicom.Network.Server;
using Airadcr.Dicom.Network.Storage;

/// <summary>A storage SCP that receives every data set and throws it away: the network stack's own cost, without
/// any disk (the reference point for what fsync costs the durable SCP).</summary>
internal sealed class DiscardingHandler : IDicomServiceHandler
{
    public RejectReason? Admit(AssociationRequestInfo request) => null;

    public IReadOnlyList<string> AcceptableTransferSyntaxes(string abstractSyntax) =>
        StorageSopClasses.Contains(abstractSyntax) ? FolderStorageHandler.UncompressedSyntaxes : [];

    public ValueTask<IStoreTarget> BeginStoreAsync(StoreRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IStoreTarget>(new Target());

    private sealed class Target : IStoreTarget
    {
        public Stream DataSet => Stream.Null;

        public ValueTask<StoreOutcome> CompleteAsync(CancellationToken cancellationToken) => ValueTask.FromResult(new StoreOutcome(DicomStatus.Success));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
