using Airadcr.Audit;
using Airadcr.Dicom;
using Airadcr.DicomGateway.Assembly;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Hosting;
using Airadcr.DicomGateway.Index;
using Airadcr.RtStruct;

namespace Airadcr.DicomGateway.RtStruct;

/// <summary>
/// Processes the structure sets the index records: a set flagged by an index commit is checked (are the images its
/// contours reference indexed?), goes from <c>waiting-for-images</c> to <c>queued</c> once none is missing (a set
/// processed while some were missing is queued again when more arrive, and so is one that references no image and had
/// ROI errors when an image arrives in its study), and a queued set is processed with
/// <see cref="RtStructProcessor"/> over its study's images into <see cref="RtStructResults"/>. One set at a time; woken by
/// <see cref="RtStructWakeUp"/>, else every second. A set left <c>processing</c> by a stop is queued again at start.
/// </summary>
public sealed class RtStructWorker(
    RtStructureSetStore store,
    InstanceIndex index,
    GatewayPaths paths,
    RtStructWakeUp wakeUp,
    AuditTrail audit,
    AuditSubjects subjects,
    TimeProvider time,
    ILogger<RtStructWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var resumed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = wakeUp.Next;
            try
            {
                if (!resumed)
                {
                    var requeued = await store.RequeueInterruptedAsync(stoppingToken);
                    if (requeued > 0)
                    {
                        RtStructLog.Resumed(logger, requeued);
                    }
                    resumed = true;
                }
                if (await RunPassAsync(stoppingToken))
                {
                    continue;
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                RtStructLog.PassFailed(logger, error.Message);
            }
            await SignalOrPoll.WaitAsync(woken, Poll, time, stoppingToken);
        }
    }

    /// <summary>Checks the flagged sets, then processes one queued set; true when there was work.</summary>
    public async Task<bool> RunPassAsync(CancellationToken cancellationToken)
    {
        var toCheck = await store.ToCheckAsync(50, cancellationToken);
        foreach (var item in toCheck)
        {
            await CheckAsync(item, cancellationToken);
        }
        if (await store.ClaimNextAsync(cancellationToken) is not { } claimed)
        {
            return toCheck.Count > 0;
        }
        await ProcessAsync(claimed, cancellationToken);
        return true;
    }

    private async Task CheckAsync(RtStructureSetStore.WorkItem item, CancellationToken cancellationToken)
    {
        await store.TakeCheckAsync(item.SetId, cancellationToken);
        var studyKey = StudyKey(item.StudyInstanceUid);
        IReadOnlyList<string> referenced;
        try
        {
            referenced = item.Referenced ?? Referenced(RtStructureSet.Load(item.Path));
        }
        catch (Exception error) when (error is RtStructException or DicomFormatException or IOException)
        {
            await store.FailAsync(item.SetId, studyKey, error.Message, cancellationToken);
            Audit(item.StudyInstanceUid, "failed: " + error.GetType().Name);
            RtStructLog.SetFailed(logger, item.SetId, error.GetType().Name);
            return;
        }
        var missing = referenced.Count - (await index.IndexedAmongAsync(referenced, cancellationToken)).Count;
        var next = item.State switch
        {
            RtStructureSetState.Waiting when missing == 0 => RtStructureSetState.Queued,
            RtStructureSetState.Processed when missing < item.MissingCount => RtStructureSetState.Queued,
            // It references no image (its frame of reference alone): an image arriving in its study may fix its ROIs.
            RtStructureSetState.Processed when referenced.Count == 0 && item.RoiErrorCount > 0 => RtStructureSetState.Queued,
            _ => item.State,
        };
        await store.RecordCheckAsync(item, studyKey, referenced, missing, next, cancellationToken);
        if (next == RtStructureSetState.Queued)
        {
            RtStructLog.SetQueued(logger, item.SetId);
        }
    }

    private async Task ProcessAsync(RtStructureSetStore.WorkItem item, CancellationToken cancellationToken)
    {
        var work = RtStructResults.WorkFolder(paths.StorageRoot, item.SetId);
        try
        {
            var set = RtStructureSet.Load(item.Path);
            var referenced = item.Referenced ?? Referenced(set);
            var missing = referenced.Count - (await index.IndexedAmongAsync(referenced, cancellationToken)).Count;
            var images = ImagesOf(set, await index.ListInstanceFilesAsync(item.StudyInstanceUid, cancellationToken));
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
            Directory.CreateDirectory(work);
            await RtStructProcessor.ProcessAsync(item.Path, images, work, RtStructOptions.Default with { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / 2) }, cancellationToken);
            RtStructResults.Publish(paths.StorageRoot, item.SetId);
            var (rois, errors) = RtStructResults.Count(RtStructResults.Summary(paths.StorageRoot, item.SetId));
            await store.FinishAsync(item.SetId, missing, rois, errors, cancellationToken);
            Audit(item.StudyInstanceUid, $"processed: {rois} ROI(s), {errors} with an error, {missing} referenced image(s) missing");
            RtStructLog.SetProcessed(logger, item.SetId, rois, errors);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            await store.FailAsync(item.SetId, StudyKey(item.StudyInstanceUid), error.Message, cancellationToken);
            Audit(item.StudyInstanceUid, "failed: " + error.GetType().Name);
            RtStructLog.SetFailed(logger, item.SetId, error.GetType().Name);
        }
    }

    /// <summary>
    /// The images a set is processed over: its study's instances that its contours reference or that belong to a series
    /// it references; every image of the study when none of those is here (the processor then says, per ROI, why the
    /// images do not fit: another frame of reference, missing slices).
    /// </summary>
    internal static IReadOnlyList<string> ImagesOf(RtStructureSet set, IReadOnlyList<Reports.StudyFile> files)
    {
        var images = files.Where(file => !string.Equals(file.SopClassUid, DicomUids.RTStructureSetStorage, StringComparison.Ordinal)).ToList();
        var instances = set.ReferencedSopInstanceUids.ToHashSet(StringComparer.Ordinal);
        var series = set.ReferencedSeriesInstanceUids.ToHashSet(StringComparer.Ordinal);
        var referenced = images.Where(file => instances.Contains(file.SopInstanceUid) || series.Contains(file.SeriesInstanceUid)).ToList();
        return [.. (referenced.Count > 0 ? referenced : images).Select(file => file.Path)];
    }

    private static IReadOnlyList<string> Referenced(RtStructureSet set) => [.. set.ReferencedSopInstanceUids.Distinct(StringComparer.Ordinal)];

    /// <summary>The study's keyed hash without its <c>study:</c> prefix: what the API filters on, safe in a URL.</summary>
    private string StudyKey(string studyInstanceUid) => subjects.Study(studyInstanceUid)["study:".Length..];

    private void Audit(string studyInstanceUid, string detail) =>
        audit.Record(new AuditEvent("gateway", "rtstruct-process", subjects.Study(studyInstanceUid), detail));
}
