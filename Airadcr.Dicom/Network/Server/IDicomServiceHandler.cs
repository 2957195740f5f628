using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Dicom.Network.Server;

/// <summary>What an application plugs into <see cref="DicomServer"/>: who may associate, which presentation
/// contexts it accepts, and where C-STORE data sets go; optionally, when associations are accepted, rejected and end
/// (e.g. for an audit trail). C-ECHO is always answered.</summary>
public interface IDicomServiceHandler
{
    /// <summary>Null admits the association; a reason rejects it permanently (source: service user).</summary>
    RejectReason? Admit(AssociationRequestInfo request);

    /// <summary>The transfer syntaxes acceptable for an abstract syntax (the requestor's order decides among them);
    /// empty when the abstract syntax is not supported.</summary>
    IReadOnlyList<string> AcceptableTransferSyntaxes(string abstractSyntax);

    /// <summary>Opens the target of a C-STORE. Exceptions become statuses (see <see cref="StoreStatusMapping"/>).</summary>
    ValueTask<IStoreTarget> BeginStoreAsync(StoreRequest request, CancellationToken cancellationToken);

    /// <summary>An association was accepted (its A-ASSOCIATE-AC sent). Runs on the association's task: keep it short,
    /// no I/O, no exception (e.g. an audit record queued).</summary>
    void AssociationAccepted(AssociationInfo association)
    {
    }

    /// <summary>An A-ASSOCIATE-RQ was answered with A-ASSOCIATE-RJ (<paramref name="reason"/>: why, in words: refused by
    /// <see cref="Admit"/>, the association limit, the protocol version, the application context or the called AE).
    /// Same rules as <see cref="AssociationAccepted"/>.</summary>
    void AssociationRejected(AssociationRequestInfo request, string reason)
    {
    }

    /// <summary>An accepted association ended, after its last answer. Same rules as <see cref="AssociationAccepted"/>.</summary>
    void AssociationEnded(AssociationInfo association, AssociationEnd end)
    {
    }
}
