using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Dicom.Network.Server;

/// <summary>What an application plugs into <see cref="DicomServer"/>: who may associate, which presentation
/// contexts it accepts, and where C-STORE data sets go. C-ECHO is always answered.</summary>
public interface IDicomServiceHandler
{
    /// <summary>Null admits the association; a reason rejects it permanently (source: service user).</summary>
    RejectReason? Admit(AssociationRequestInfo request);

    /// <summary>The transfer syntaxes acceptable for an abstract syntax (the requestor's order decides among them);
    /// empty when the abstract syntax is not supported.</summary>
    IReadOnlyList<string> AcceptableTransferSyntaxes(string abstractSyntax);

    /// <summary>Opens the target of a C-STORE. Exceptions become statuses (see <see cref="StoreStatusMapping"/>).</summary>
    ValueTask<IStoreTarget> BeginStoreAsync(StoreRequest request, CancellationToken cancellationToken);
}
