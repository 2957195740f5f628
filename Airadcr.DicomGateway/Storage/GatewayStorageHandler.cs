using Airadcr.Dicom.Imaging.Codecs;
using Airadcr.Dicom;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;
using Airadcr.Dicom.Network.Server;
using Airadcr.Dicom.Network.Storage;
using Airadcr.DicomGateway.Auditing;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Logging;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Storage;

/// <summary>
/// The gateway's storage SCP policy. An instance is acknowledged with 0x0000 only once its file is renamed into
/// <c>{storage}/{study}/{series}/{instance}.dcm</c> and fsynced (directories too) and its index row committed, through
/// the <see cref="InstanceGroupCommit"/>. Paths come from validated UIDs only. The first copy of an instance is kept; a
/// repeat is answered with success.
/// </summary>
public sealed class GatewayStorageHandler(
    GatewayPaths paths,
    InstanceCommit commit,
    CallingAeAllowlist allowlist,
    IOptions<GatewayOptions> options,
    AssociationAudit audit,
    ILogger<GatewayStorageHandler> logger) : IDicomServiceHandler
{
    /// <summary>Deflated Explicit VR Little Endian is not among them: it is offered with <c>AcceptDeflated</c> only.</summary>
    private static readonly IReadOnlyList<string> Uncompressed = [.. DicomTransferSyntax.Uncompressed.Where(ts => !ts.IsDeflated).Select(ts => ts.Uid)];

    /// <summary>The compressed syntaxes whose pixel data we decode, lossless first (a requestor's order decides).</summary>
    private static readonly IReadOnlyList<string> Decodable = [.. DicomCodecs.All.OrderBy(c => c.IsLossy).Select(c => c.TransferSyntaxUid)];

    public RejectReason? Admit(AssociationRequestInfo request)
    {
        if (allowlist.Allows(request.CallingAe))
        {
            return null;
        }
        logger.CallingAeRejected(request.CallingAe);
        return RejectReason.CallingAeNotRecognized;
    }

    public void AssociationAccepted(AssociationInfo association) => audit.Accepted(association);

    public void AssociationRejected(AssociationRequestInfo request, string reason) => audit.Rejected(request, reason);

    public void AssociationEnded(AssociationInfo association, AssociationEnd end) => audit.Ended(association, end);

    public IReadOnlyList<string> AcceptableTransferSyntaxes(string abstractSyntax) =>
        !StorageSopClasses.Contains(abstractSyntax) ? []
        : [.. Uncompressed,
           .. options.Value.AcceptCompressed ? Decodable : Array.Empty<string>(),
           .. options.Value.AcceptDeflated ? [DicomUids.DeflatedExplicitVRLittleEndian] : Array.Empty<string>()];

    public ValueTask<IStoreTarget> BeginStoreAsync(StoreRequest request, CancellationToken cancellationToken)
    {
        if (!DicomUid.IsValid(request.SopInstanceUid))
        {
            throw new DicomFormatException("invalid SOP Instance UID", 0);
        }
        commit.EnsureFreeSpace(0);
        var limits = new DataSetLimits { MaxLength = options.Value.MaxInstanceMegabytes * (1L << 20), EnsureSpace = commit.EnsureFreeSpace };
        return ValueTask.FromResult<IStoreTarget>(new WritebackTarget(Part10FileTarget.Create(paths.Incoming, request, CommitAsync, syncToDisk: false, limits)));
    }

    private async ValueTask<StoreOutcome> CommitAsync(ReceivedInstance instance, CancellationToken cancellationToken)
    {
        var outcome = await CommitInstanceAsync(instance, cancellationToken);
        // Counted in memory for the association's audit summary; nothing here waits for the audit.
        if (outcome.Status == DicomStatus.Success)
        {
            audit.Stored(instance.Request.AssociationId, instance.Header.GetStringOrDefault(DicomTag.StudyInstanceUID)!);
        }
        else
        {
            audit.Refused(instance.Request.AssociationId);
        }
        return outcome;
    }

    private async ValueTask<StoreOutcome> CommitInstanceAsync(ReceivedInstance instance, CancellationToken cancellationToken)
    {
        var request = instance.Request;
        var outcome = await commit.CommitAsync(instance.TemporaryPath, instance.Header, request.SopInstanceUid, request.SopClassUid,
            request.TransferSyntax, request.CallingAe, cancellationToken);
        return new StoreOutcome(outcome.Status, outcome.Reason);
    }
}
