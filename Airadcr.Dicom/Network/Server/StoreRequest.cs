namespace Airadcr.Dicom.Network.Server;

/// <summary>A C-STORE whose data set is about to arrive, encoded in <see cref="TransferSyntax"/>.</summary>
public sealed record StoreRequest(
    string CallingAe,
    string SopClassUid,
    string SopInstanceUid,
    DicomTransferSyntax TransferSyntax)
{
    /// <summary>The association it arrived on (<see cref="AssociationInfo.Id"/>; 0 when not from a <see cref="DicomServer"/>).</summary>
    public long AssociationId { get; init; }
}

/// <summary>The outcome a store target reports: a DIMSE status and an optional error comment.</summary>
public readonly record struct StoreOutcome(ushort Status, string? ErrorComment = null);

/// <summary>Where one instance's data set bytes go. The server writes every fragment to <see cref="DataSet"/>, then
/// calls <see cref="CompleteAsync"/> (whose status is sent back) or, when the transfer failed, only disposes it:
/// a disposed, uncompleted target must leave nothing behind.</summary>
public interface IStoreTarget : IAsyncDisposable
{
    Stream DataSet { get; }

    ValueTask<StoreOutcome> CompleteAsync(CancellationToken cancellationToken);
}
