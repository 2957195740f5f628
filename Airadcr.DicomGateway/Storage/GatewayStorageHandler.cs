using Airadcr.Dicom.Imaging.Codecs;
using System.Data.Common;
using Airadcr.Dicom;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;
using Airadcr.Dicom.Network.Server;
using Airadcr.Dicom.Network.Storage;
using Airadcr.DicomGateway.Auditing;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Index;
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
    InstanceGroupCommit groupCommit,
    CallingAeAllowlist allowlist,
    IOptions<GatewayOptions> options,
    TimeProvider time,
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
        EnsureFreeSpace(0);
        var limits = new DataSetLimits { MaxLength = options.Value.MaxInstanceMegabytes * (1L << 20), EnsureSpace = EnsureFreeSpace };
        return ValueTask.FromResult<IStoreTarget>(new WritebackTarget(Part10FileTarget.Create(paths.Incoming, request, CommitAsync, syncToDisk: false, limits)));
    }

    /// <summary>Below <c>Gateway:MinimumFreeDiskMegabytes</c> free (once <paramref name="bytes"/> more are written), a
    /// C-STORE is refused: before its data set is written, and while a deflated one is inflated (an <see cref="IOException"/>
    /// is answered with 0xA700, out of resources).</summary>
    private void EnsureFreeSpace(long bytes)
    {
        var minimum = options.Value.MinimumFreeDiskMegabytes;
        if (minimum == 0)
        {
            return;
        }
        var free = (new DriveInfo(paths.StorageRoot).AvailableFreeSpace - bytes) / (1024 * 1024);
        if (free < minimum)
        {
            logger.StorageFull(free, minimum);
            throw new IOException("storage full");
        }
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
        var header = instance.Header;
        var study = header.GetStringOrDefault(DicomTag.StudyInstanceUID);
        var series = header.GetStringOrDefault(DicomTag.SeriesInstanceUID);
        if (!DicomUid.IsValid(study) || !DicomUid.IsValid(series))
        {
            return new StoreOutcome(DicomStatus.CannotUnderstand, "missing or invalid Study or Series Instance UID");
        }
        var request = instance.Request;
        if (CompressedPixelCheck.Problem(instance.TemporaryPath, request.TransferSyntax) is { } problem)
        {
            logger.PixelDataNotDecodable(request.TransferSyntax.Uid, problem);
            return new StoreOutcome(DicomStatus.CannotUnderstand, "compressed pixel data cannot be decoded");
        }
        var finalPath = Path.Combine(paths.StorageRoot, study!, series!, instance.Request.SopInstanceUid + ".dcm");
        var row = IndexedInstance.FromHeader(header, study!, series!, request.SopInstanceUid, request.SopClassUid, request.TransferSyntax.Uid,
            request.CallingAe, finalPath, new FileInfo(instance.TemporaryPath).Length, time.GetUtcNow());
        try
        {
            if (!await groupCommit.CommitAsync(instance.TemporaryPath, finalPath, row, cancellationToken))
            {
                logger.DuplicateInstance();
            }
        }
        catch (DbException error)
        {
            // The index is full (SQLITE_FULL, PostgreSQL disk_full) or unreachable: nothing was acknowledged, the peer may retry.
            logger.IndexUnavailable(error.Message);
            return new StoreOutcome(DicomStatus.OutOfResources, "index unavailable");
        }
        return new StoreOutcome(DicomStatus.Success);
    }
}
