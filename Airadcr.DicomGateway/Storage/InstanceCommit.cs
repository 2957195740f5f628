using System.Data.Common;
using Airadcr.Dicom;
using Airadcr.Dicom.Network.Storage;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.Logging;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Storage;

/// <summary>The free-space floor is reached: answered 0xA700 (out of resources), like any write failure.</summary>
public sealed class StorageFullException() : IOException("storage full");

/// <summary>What became of one received instance: stored, a duplicate of a kept copy, or refused with a DICOM status.</summary>
public readonly record struct InstanceCommitOutcome(ushort Status, string? Reason = null, bool Duplicate = false)
{
    public bool Stored => Status == DicomStatus.Success;
}

/// <summary>
/// The one acknowledgement rule of every way in (C-STORE, STOW-RS): a received instance (a temporary Part 10 file) is
/// checked (valid study/series UIDs, decodable compressed pixel data), renamed into
/// <c>{storage}/{study}/{series}/{instance}.dcm</c>, fsynced and indexed through the <see cref="InstanceGroupCommit"/>
/// before success is answered. The first copy of an instance is kept.
/// </summary>
public sealed class InstanceCommit(GatewayPaths paths, InstanceGroupCommit groupCommit, IOptions<GatewayOptions> options, TimeProvider time,
    ILogger<InstanceCommit> logger)
{
    /// <summary>Below <c>Gateway:MinimumFreeDiskMegabytes</c> free (once <paramref name="bytes"/> more are written), an
    /// instance is refused: before its data set is written, and while a deflated one is inflated (an <see cref="IOException"/>
    /// is answered with 0xA700, out of resources).</summary>
    public void EnsureFreeSpace(long bytes)
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
            throw new StorageFullException();
        }
    }

    /// <param name="source">Who sent it: the calling AE title, or <c>STOW-RS</c>.</param>
    public async ValueTask<InstanceCommitOutcome> CommitAsync(string temporaryPath, DicomDataset header, string sopInstanceUid,
        string sopClassUid, DicomTransferSyntax syntax, string source, CancellationToken cancellationToken)
    {
        var study = header.GetStringOrDefault(DicomTag.StudyInstanceUID);
        var series = header.GetStringOrDefault(DicomTag.SeriesInstanceUID);
        if (!DicomUid.IsValid(study) || !DicomUid.IsValid(series))
        {
            return new InstanceCommitOutcome(DicomStatus.CannotUnderstand, "missing or invalid Study or Series Instance UID");
        }
        if (CompressedPixelCheck.Problem(temporaryPath, syntax) is { } problem)
        {
            logger.PixelDataNotDecodable(syntax.Uid, problem);
            return new InstanceCommitOutcome(DicomStatus.CannotUnderstand, "compressed pixel data cannot be decoded");
        }
        var finalPath = Path.Combine(paths.StorageRoot, study!, series!, sopInstanceUid + ".dcm");
        var row = IndexedInstance.FromHeader(header, study!, series!, sopInstanceUid, sopClassUid, syntax.Uid,
            source, finalPath, new FileInfo(temporaryPath).Length, time.GetUtcNow());
        try
        {
            if (!await groupCommit.CommitAsync(temporaryPath, finalPath, row, cancellationToken))
            {
                logger.DuplicateInstance();
                return new InstanceCommitOutcome(DicomStatus.Success, Duplicate: true);
            }
        }
        catch (DbException error)
        {
            // The index is full (SQLITE_FULL, PostgreSQL disk_full) or unreachable: nothing was acknowledged, the peer may retry.
            logger.IndexUnavailable(error.Message);
            return new InstanceCommitOutcome(DicomStatus.OutOfResources, "index unavailable");
        }
        return new InstanceCommitOutcome(DicomStatus.Success);
    }
}
