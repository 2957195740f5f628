using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Dicom.Network;

/// <summary>An association that could not be established or ended abnormally.</summary>
public class DicomAssociationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The peer answered A-ASSOCIATE-RJ.</summary>
public sealed class DicomAssociationRejectedException(AssociateRejectPdu reject)
    : DicomAssociationException($"Association rejected: {reject.Result}, source {reject.Source}, reason {(byte)reject.Reason}.")
{
    public AssociateRejectPdu Reject { get; } = reject;
}

/// <summary>The peer (or the provider) aborted the association.</summary>
public sealed class DicomAssociationAbortedException(AbortPdu? abort, string? detail = null)
    : DicomAssociationException(abort is null ? $"Association aborted: {detail}" : $"Association aborted by the peer: {abort.Source}, {abort.Reason}.")
{
    public AbortPdu? Abort { get; } = abort;
}
