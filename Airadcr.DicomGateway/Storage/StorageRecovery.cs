using System.Globalization;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Network.Storage;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.Logging;

namespace Airadcr.DicomGateway.Storage;

/// <summary>
/// Start-up recovery of the storage folder, before the SCP takes its first association:
/// <list type="bullet">
/// <item>transfers cut by a stop or a crash were never acknowledged: their temporary files go;</item>
/// <item>instance files without an index row are indexed, as if they had just arrived (their studies go back to
/// <c>receiving</c>, so assembly and analysis follow). The group commit's rows are committed without their own flush,
/// so a power loss can drop the last ones while their files, flushed before the acknowledgement, are on disk. Only
/// the series folders changed since the <see cref="IndexWatermark"/> (less <see cref="Margin"/>) are looked at: a
/// file is renamed into its folder before its row commits, so a file whose row may be lost sits in a folder modified
/// after the watermark. No watermark (a new or an older index): every series folder.</item>
/// </list>
/// A file is indexed only when it reads completely as the Part 10 file of the instance its path names (a file placed
/// but never flushed may have lost its tail in a power loss: it was never acknowledged and stays unindexed, to be
/// replaced when its sender retries). Every row comes from the file: its data set, its meta information's transfer
/// syntax and Source AE Title (0002,0016), which the SCP fills with the calling AE; its modification time as the
/// reception time. The recovered files are flushed before their rows commit, then a new watermark is recorded.
/// </summary>
public sealed class StorageRecovery(GatewayPaths paths, InstanceIndex index, IndexWatermark watermark, TimeProvider time,
    ILogger<StorageRecovery> logger)
{
    /// <summary>
    /// Series folders modified up to this long before the watermark are scanned too: file system timestamps are coarser
    /// than the clock (a few milliseconds), and the clock may be stepped back a little between two runs.
    /// </summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    private const int LookupChunk = 256;

    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        DiscardUnfinishedTransfers();
        var started = time.GetUtcNow();
        var since = await watermark.ReadAsync(cancellationToken) - Margin;
        var outcome = new Outcome();
        var files = new List<string>(LookupChunk);
        foreach (var series in SeriesFolders())
        {
            if (since is { } limit && Directory.GetLastWriteTimeUtc(series) < limit.UtcDateTime)
            {
                continue;
            }
            outcome.SeriesScanned++;
            foreach (var file in Directory.EnumerateFiles(series, "*.dcm"))
            {
                files.Add(file);
                if (files.Count == LookupChunk)
                {
                    await IndexMissingAsync(files, outcome, cancellationToken);
                    files.Clear();
                }
            }
        }
        await IndexMissingAsync(files, outcome, cancellationToken);
        await watermark.RecordAsync(started, cancellationToken);
        logger.RecoveryDone(outcome.SeriesScanned, since?.ToString("O", CultureInfo.InvariantCulture) ?? "the beginning", outcome.Indexed,
            outcome.Unreadable);
    }

    private sealed class Outcome
    {
        public int SeriesScanned { get; set; }

        public int Indexed { get; set; }

        public int Unreadable { get; set; }
    }

    private void DiscardUnfinishedTransfers()
    {
        if (Directory.Exists(paths.Incoming))
        {
            foreach (var file in Directory.EnumerateFiles(paths.Incoming))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary><c>{storage}/{study}/{series}</c>: folders named by UIDs only (not <c>.incoming</c>, not a study's <c>signed</c>).</summary>
    private IEnumerable<string> SeriesFolders() =>
        Directory.EnumerateDirectories(paths.StorageRoot).Where(IsUidFolder)
            .SelectMany(study => Directory.EnumerateDirectories(study).Where(IsUidFolder));

    private static bool IsUidFolder(string path) => DicomUid.IsValid(Path.GetFileName(path));

    private async Task IndexMissingAsync(List<string> files, Outcome outcome, CancellationToken cancellationToken)
    {
        var candidates = files.Where(file => DicomUid.IsValid(Path.GetFileNameWithoutExtension(file))).ToList();
        if (candidates.Count == 0)
        {
            return;
        }
        var indexed = await index.IndexedAmongAsync([.. candidates.Select(file => Path.GetFileNameWithoutExtension(file)).Distinct()], cancellationToken);
        var rows = new List<IndexedInstance>();
        var durable = new DurableFiles();
        foreach (var file in candidates.Where(file => !indexed.Contains(Path.GetFileNameWithoutExtension(file))))
        {
            // The same instance in two series folders (an unacknowledged copy): the first one read is kept.
            if (Read(file) is { } row && indexed.Add(row.SopInstanceUid))
            {
                rows.Add(row);
                durable.Keep(file, paths.StorageRoot);
            }
            else
            {
                outcome.Unreadable++;
            }
        }
        if (rows.Count == 0)
        {
            return;
        }
        durable.Sync();
        await index.AddAsync(rows, Task.CompletedTask, cancellationToken);
        outcome.Indexed += rows.Count;
    }

    /// <summary>The row of a complete Part 10 file at <c>{study}/{series}/{sop}.dcm</c> holding that instance; null otherwise.</summary>
    private static IndexedInstance? Read(string path)
    {
        var seriesFolder = Path.GetDirectoryName(path)!;
        try
        {
            // Read whole (no StopBeforePixelData): a file cut short fails here.
            using var file = DicomFile.Open(path, new DicomReadOptions { AllowMissingPreamble = false });
            var header = file.Dataset;
            var sop = Path.GetFileNameWithoutExtension(path);
            var series = Path.GetFileName(seriesFolder);
            var study = Path.GetFileName(Path.GetDirectoryName(seriesFolder))!;
            if (header.GetStringOrDefault(DicomTag.SOPInstanceUID) != sop || header.GetStringOrDefault(DicomTag.SeriesInstanceUID) != series
                || header.GetStringOrDefault(DicomTag.StudyInstanceUID) != study || header.GetStringOrDefault(DicomTag.SOPClassUID) is not { Length: > 0 } sopClass)
            {
                return null;
            }
            var info = new FileInfo(path);
            return IndexedInstance.FromHeader(header, study, series, sop, sopClass, file.TransferSyntax.Uid,
                file.Meta.GetStringOrDefault(DicomTag.SourceApplicationEntityTitle) ?? "", path, info.Length,
                new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
        }
        catch (Exception error) when (error is DicomFormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
