using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Airadcr.DicomGateway.Hosting;
using Airadcr.DicomGateway.Storage;

namespace Airadcr.DicomGateway.Research;

/// <summary>
/// Writes a project's exports, one at a time: a ZIP of the research copies (<c>{studyKey}/{seriesKey}/{sopKey}.dcm</c>,
/// the de-identified AI SR and Encapsulated PDF among them), <c>manifest.csv</c> and <c>manifest.json</c> (the findings
/// per study, pseudonymous keys only), streamed file by file into <c>exports/{export}.zip.part</c> (memory does not grow
/// with the project), fsynced and renamed <c>{export}.zip</c> when complete. Progress (files, bytes) is in the export's
/// row; an export a stop interrupted is started again.
/// </summary>
public sealed class ResearchExporter(
    ResearchStore store,
    ResearchAccess access,
    ResearchWakeUp wakeUp,
    TimeProvider time,
    ILogger<ResearchExporter> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public const string ManifestCsv = "manifest.csv";
    public const string ManifestJson = "manifest.json";

    public string ZipPath(string projectId, string exportId) => Path.Combine(access.ExportFolder(projectId), exportId + ".zip");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var requeued = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = wakeUp.Exports.Next;
            try
            {
                if (access.Available && !requeued)
                {
                    await store.RequeueRunningExportsAsync(stoppingToken);
                    requeued = true;
                }
                if (!access.Available || await store.ClaimExportAsync(stoppingToken) is not { } claimed)
                {
                    await SignalOrPoll.WaitAsync(woken, Poll, time, stoppingToken);
                    continue;
                }
                await ExportAsync(claimed.ProjectId, claimed.ExportId, stoppingToken);
                if (await store.GetAsync(claimed.ProjectId, stoppingToken) is null)
                {
                    access.DeleteProjectFolder(claimed.ProjectId); // deleted while exporting: leave no ZIP behind
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.ResearchRunFailed(error.Message);
                await Task.Delay(Poll, time, stoppingToken);
            }
        }
    }

    private async Task ExportAsync(string projectId, string exportId, CancellationToken cancellationToken)
    {
        var folder = access.ExportFolder(projectId);
        Directory.CreateDirectory(folder);
        var temporary = ZipPath(projectId, exportId) + ".part";
        var files = (await store.ListFilesAsync(projectId, cancellationToken)).Where(f => f.State == ResearchStates.Done && f.Path is not null).ToList();
        var studies = await store.ListStudiesAsync(projectId, cancellationToken);
        var done = 0;
        long bytes = 0;
        try
        {
            await store.UpdateExportAsync(exportId, "running", 0, files.Count, 0, null, cancellationToken);
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true))
            {
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    var reported = time.GetTimestamp();
                    foreach (var file in files)
                    {
                        var entry = zip.CreateEntry($"{file.StudyKey}/{file.SeriesKey}/{file.SopKey}.dcm", CompressionLevel.Fastest);
                        await using (var target = await entry.OpenAsync(cancellationToken))
                        await using (var source = File.OpenRead(access.FullPath(projectId, file.Path!)))
                        {
                            await source.CopyToAsync(target, cancellationToken);
                        }
                        done++;
                        bytes = stream.Position;
                        if (time.GetElapsedTime(reported) >= ProgressInterval)
                        {
                            await store.UpdateExportAsync(exportId, "running", done, files.Count, bytes, null, cancellationToken);
                            reported = time.GetTimestamp();
                        }
                    }
                    await WriteEntryAsync(zip, ManifestCsv, Encoding.UTF8.GetBytes(Csv(studies)), cancellationToken);
                    await WriteEntryAsync(zip, ManifestJson, JsonSerializer.SerializeToUtf8Bytes(Manifest(projectId, studies, files), Json), cancellationToken);
                }
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
                bytes = stream.Length;
            }
            File.Move(temporary, ZipPath(projectId, exportId), overwrite: true);
            DiskSync.Directory(folder);
            await store.UpdateExportAsync(exportId, "done", done, files.Count, bytes, null, cancellationToken);
            logger.ResearchExportEnded(projectId, exportId, "done", done, bytes);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            File.Delete(temporary);
            await store.UpdateExportAsync(exportId, "failed", done, files.Count, bytes, error.Message, cancellationToken);
            logger.ResearchExportEnded(projectId, exportId, "failed", done, bytes);
        }
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string name, byte[] content, CancellationToken cancellationToken)
    {
        await using var target = await zip.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(cancellationToken);
        await target.WriteAsync(content, cancellationToken);
    }

    private static readonly string[] CsvColumns =
    [
        "study_key", "patient_pseudonym", "modality", "study_date", "finding_number", "label", "code", "confidence", "model", "model_version",
        "series_key", "sop_key", "frame", "x", "y", "width", "height", "first_plane", "last_plane",
    ];

    /// <summary>One line per finding; a study without finding has one line with the finding's columns empty.</summary>
    internal static string Csv(IReadOnlyList<(ResearchStudyRow Row, IReadOnlyList<ResearchFinding> Findings)> studies)
    {
        var csv = new StringBuilder().AppendJoin(',', CsvColumns).Append("\r\n");
        foreach (var (row, findings) in studies.Where(s => s.Row.StudyKey is not null))
        {
            string[] study = [row.StudyKey!, row.PatientPseudonym ?? "", row.Modality ?? "", row.StudyDate ?? ""];
            if (findings.Count == 0)
            {
                csv.AppendJoin(',', study.Concat(Enumerable.Repeat("", CsvColumns.Length - study.Length)).Select(Quote)).Append("\r\n");
            }
            foreach (var f in findings)
            {
                var l = f.Location;
                csv.AppendJoin(',', study.Concat(
                [
                    Number(f.Number), f.Label, f.Code, f.Confidence.ToString("R", CultureInfo.InvariantCulture), f.Model, f.ModelVersion,
                    l.SeriesKey ?? "", l.SopKey ?? "", Number(l.Frame), Number(l.X), Number(l.Y), Number(l.Width), Number(l.Height),
                    Number(l.FirstPlane), Number(l.LastPlane),
                ]).Select(Quote)).Append("\r\n");
            }
        }
        return csv.ToString();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public sealed record ManifestStudy(string StudyKey, string? PatientPseudonym, string? Modality, string? StudyDate, int Files,
        IReadOnlyList<ResearchFinding> Findings);

    public sealed record ExportManifest(string ProjectId, IReadOnlyList<ManifestStudy> Studies);

    internal static ExportManifest Manifest(string projectId, IReadOnlyList<(ResearchStudyRow Row, IReadOnlyList<ResearchFinding> Findings)> studies,
        IReadOnlyList<ResearchFile> files) =>
        new(projectId, [.. studies.Where(s => s.Row.StudyKey is not null).Select(s => new ManifestStudy(s.Row.StudyKey!, s.Row.PatientPseudonym,
            s.Row.Modality, s.Row.StudyDate, files.Count(f => f.StudyKey == s.Row.StudyKey), s.Findings))]);
}
