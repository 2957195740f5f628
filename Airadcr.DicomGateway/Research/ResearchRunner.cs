using System.Globalization;
using Airadcr.Dicom;
using Airadcr.Dicom.Deidentification;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.Network.Storage;
using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Hosting;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.Reports;
using Airadcr.DicomGateway.Storage;
using Airadcr.Reporting;

namespace Airadcr.DicomGateway.Research;

/// <summary>
/// De-identifies the pending studies of every project, one at a time, into
/// <c>{StoragePath}/research/{project}/{pseudoStudy}/{pseudoSeries}/{pseudoSop}.dcm</c>: each stored instance through
/// <see cref="DicomDeidentifier"/> with the project's profile and secret, written to a temporary file, renamed into
/// place and fsynced (<see cref="DurableFiles"/>) before its row and pseudonyms commit. A refused instance is recorded
/// with its reason and leaves no file. When the gateway analysed the study, its AI SR and Encapsulated PDF are made again
/// from the de-identified copies and the findings (original UIDs replaced by the copies' keys), so that neither carries
/// what the originals' headers or rendered PDF did. A file already done is not made again (a re-run is idempotent).
/// </summary>
public sealed class ResearchRunner(
    ResearchStore store,
    ResearchAccess access,
    InstanceIndex index,
    StudyReportBuilder reports,
    GatewayPaths paths,
    ResearchWakeUp wakeUp,
    TimeProvider time,
    ILogger<ResearchRunner> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private const string ReportSrField = "report-sr";
    private const string ReportPdfField = "report-pdf";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = wakeUp.Runs.Next;
            try
            {
                if (!access.Available || !await RunNextAsync(stoppingToken))
                {
                    await SignalOrPoll.WaitAsync(woken, Poll, time, stoppingToken);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.ResearchRunFailed(error.Message);
                await Task.Delay(Poll, time, stoppingToken);
            }
        }
    }

    /// <summary>De-identifies the next pending study, if any; false when none is pending.</summary>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        if (await store.NextPendingAsync(cancellationToken) is not { } pending)
        {
            return false;
        }
        ResearchStudyOutcome outcome;
        try
        {
            outcome = await DeidentifyStudyAsync(pending, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            outcome = new ResearchStudyOutcome(ResearchStates.Failed, Reason(error), null, null, null, null, []);
        }
        await store.CompleteStudyAsync(pending.ProjectId, pending.StudyIndex, outcome, cancellationToken);
        logger.ResearchStudyDone(pending.ProjectId, outcome.State);
        return true;
    }

    private async Task<ResearchStudyOutcome> DeidentifyStudyAsync(PendingResearchStudy pending, CancellationToken cancellationToken)
    {
        var projectId = pending.ProjectId;
        var sealer = access.Sealer;
        var instances = await index.ListInstanceFilesAsync(pending.StudyInstanceUid, cancellationToken);
        if (instances.Count == 0)
        {
            return new ResearchStudyOutcome(ResearchStates.Failed, "the gateway holds no instance of this study", null, null, null, null, []);
        }
        var deidentifier = new DicomDeidentifier(DeidentificationOptions.Parse(pending.Profile), pending.Secret);
        var reportSources = new[] { ReportSrField, ReportPdfField }
            .Select(field => sealer.IndexOf(projectId, field, pending.StudyInstanceUid)).ToHashSet(StringComparer.Ordinal);
        var existing = (await store.ListFilesAsync(projectId, cancellationToken, studyIndex: pending.StudyIndex))
            .ToDictionary(file => file.SourceIndex, StringComparer.Ordinal);
        var incoming = access.IncomingFolder(projectId);
        Directory.CreateDirectory(incoming);

        var durable = new DurableFiles();
        var made = new List<ResearchFile>();
        var pseudonyms = new List<Pseudonym>();
        var copies = new Dictionary<string, ResearchFile>(StringComparer.Ordinal); // original SOP -> its research copy
        foreach (var instance in instances)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var source = sealer.IndexOf(projectId, ResearchStore.SourceField, instance.SopInstanceUid);
            if (existing.TryGetValue(source, out var done) && done.State == ResearchStates.Done)
            {
                copies[instance.SopInstanceUid] = done;
                continue;
            }
            var (file, given) = DeidentifyInstance(deidentifier, instance.Path, source, projectId, incoming, durable);
            made.Add(file);
            pseudonyms.AddRange(given);
            if (file.State == ResearchStates.Done)
            {
                copies[instance.SopInstanceUid] = file;
            }
        }
        durable.Sync();
        await store.RecordFilesAsync(projectId, pending.StudyIndex, made, pseudonyms, cancellationToken);

        var findings = copies.Count == 0 ? [] : await CopyReportsAsync(pending, copies, reportSources, existing, incoming, cancellationToken);
        foreach (var file in made)
        {
            existing[file.SourceIndex] = file;
        }
        return Outcome(projectId, instances.Count, [.. existing.Values], reportSources, findings);
    }

    private (ResearchFile File, IReadOnlyList<Pseudonym> Pseudonyms) DeidentifyInstance(DicomDeidentifier deidentifier, string path,
        string source, string projectId, string incoming, DurableFiles durable)
    {
        var temporary = Path.Combine(incoming, Guid.NewGuid().ToString("N") + ".part");
        try
        {
            using var input = DicomFile.Open(path);
            var result = deidentifier.Deidentify(input);
            result.File.Save(temporary);
            var file = Place(result.File.Dataset, result.File.TransferSyntax.Uid, source, projectId, temporary, durable);
            return (file, result.Pseudonyms);
        }
        catch (Exception error) when (error is DeidentificationRefusedException or DicomFormatException or DicomValueException
            or DicomPixelModuleException or NotSupportedException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            File.Delete(temporary);
            var reason = Reason(error);
            return (new ResearchFile(source, ResearchStates.Failed, reason, null, null, null, null, null, null, null, null, 0), []);
        }
    }

    /// <summary>
    /// Why an instance was not copied, as researchers may read it: the de-identifier's and the codecs' reasons name no
    /// value of the data set; a file-system error's message names the original's path (its UIDs), so only its kind is kept.
    /// </summary>
    internal static string Reason(Exception error) => error switch
    {
        DeidentificationRefusedException => error.Message,
        IOException or UnauthorizedAccessException => "not de-identified: the stored file could not be read (" + error.GetType().Name + ")",
        _ => "not de-identified: " + error.Message,
    };

    /// <summary>Renames a written copy to its place under its own (de-identified) UIDs.</summary>
    private ResearchFile Place(DicomDataset dataset, string transferSyntax, string source, string projectId, string temporary, DurableFiles durable)
    {
        var (study, series, sop) = (dataset.GetString(DicomTag.StudyInstanceUID), dataset.GetString(DicomTag.SeriesInstanceUID),
            dataset.GetString(DicomTag.SOPInstanceUID));
        if (!DicomUid.IsValid(study) || !DicomUid.IsValid(series) || !DicomUid.IsValid(sop))
        {
            throw new InvalidOperationException("the de-identified instance has no valid study, series or SOP instance UID");
        }
        var relative = Path.Combine(study, series, sop + ".dcm");
        durable.Place(temporary, access.FullPath(projectId, relative));
        var number = int.TryParse(dataset.GetStringOrDefault(DicomTag.InstanceNumber)?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture,
            out var n) ? n : (int?)null;
        return new ResearchFile(source, ResearchStates.Done, null, study, series, sop, dataset.GetString(DicomTag.SOPClassUID), transferSyntax,
            dataset.GetStringOrDefault(DicomTag.Modality), number, relative, new FileInfo(access.FullPath(projectId, relative)).Length);
    }

    /// <summary>
    /// The study's AI SR and Encapsulated PDF made again over the research copies, when the gateway analysed it; the
    /// findings with the copies' keys. UIDs derive from the project and the copy's study key: a re-run makes the same.
    /// </summary>
    private async Task<IReadOnlyList<ResearchFinding>> CopyReportsAsync(PendingResearchStudy pending, Dictionary<string, ResearchFile> copies,
        HashSet<string> reportSources, Dictionary<string, ResearchFile> existing, string incoming, CancellationToken cancellationToken)
    {
        if (StudyResults.LatestFindings(paths.StorageRoot, pending.StudyInstanceUid) is not { } analysis)
        {
            return [];
        }
        var kept = analysis.Findings.Where(f => copies.ContainsKey(f.Location.SopInstanceUid)).ToList();
        var findings = kept.Select((finding, i) =>
        {
            var copy = copies[finding.Location.SopInstanceUid];
            var (location, box) = (finding.Location, finding.Location.BoundingBox);
            return new ResearchFinding(i + 1, finding.Type.Meaning, finding.Type.Code, finding.Type.Scheme, finding.Confidence, finding.ModelId,
                finding.ModelVersion, new ResearchFindingLocation(copy.SeriesKey, copy.SopKey, location.Frame, box.X, box.Y, box.Width, box.Height,
                    location.FirstPlane, location.LastPlane));
        }).ToList();
        if (reportSources.All(source => existing.TryGetValue(source, out var report) && report.State == ResearchStates.Done))
        {
            return findings;
        }

        var images = copies.Values.Select(copy => new StudyFile(copy.SeriesKey!, copy.SopClassUid!, copy.SopKey!,
            access.FullPath(pending.ProjectId, copy.Path!))).ToList();
        var studyKey = copies.Values.First().StudyKey!;
        var deidentified = analysis with
        {
            StudyInstanceUid = studyKey,
            Findings = [.. kept.Select(f => f with
            {
                Location = f.Location with { SeriesInstanceUid = copies[f.Location.SopInstanceUid].SeriesKey!, SopInstanceUid = copies[f.Location.SopInstanceUid].SopKey! },
            })],
            Runs = [.. analysis.Runs.Select(run => run with { SeriesInstanceUid = "" })],
        };
        var document = reports.Build(images, deidentified) with { InstanceUidName = $"research:{pending.ProjectId}:{studyKey}" };
        var artefacts = ReportArtefacts.Create(document);
        var durable = new DurableFiles();
        var made = new List<ResearchFile>();
        foreach (var (field, file) in new[] { (ReportSrField, artefacts.StructuredReport), (ReportPdfField, artefacts.EncapsulatedPdf) })
        {
            var temporary = Path.Combine(incoming, Guid.NewGuid().ToString("N") + ".part");
            file.Save(temporary);
            made.Add(Place(file.Dataset, file.TransferSyntax.Uid, access.Sealer.IndexOf(pending.ProjectId, field, pending.StudyInstanceUid),
                pending.ProjectId, temporary, durable));
        }
        durable.Sync();
        await store.RecordFilesAsync(pending.ProjectId, pending.StudyIndex, made, [], cancellationToken);
        foreach (var file in made)
        {
            existing[file.SourceIndex] = file;
        }
        return findings;
    }

    /// <summary>The study's row: done when every instance was copied, else failed with the refused count and reasons.</summary>
    private ResearchStudyOutcome Outcome(string projectId, int instanceCount, IReadOnlyList<ResearchFile> files, HashSet<string> reportSources,
        IReadOnlyList<ResearchFinding> findings)
    {
        var images = files.Where(f => !reportSources.Contains(f.SourceIndex)).ToList();
        var done = images.Where(f => f.State == ResearchStates.Done).ToList();
        var refused = images.Where(f => f.State == ResearchStates.Failed).ToList();
        string? patient = null, studyDate = null;
        if (done.FirstOrDefault() is { } first)
        {
            using var header = DicomFile.Open(access.FullPath(projectId, first.Path!), new DicomReadOptions { StopBeforePixelData = true });
            patient = header.Dataset.GetStringOrDefault(DicomTag.PatientID);
            studyDate = header.Dataset.GetStringOrDefault(DicomTag.StudyDate) ?? "";
        }
        var modalities = string.Join('\\', files.Where(f => f.State == ResearchStates.Done && f.Modality is { Length: > 0 })
            .Select(f => f.Modality!).Distinct(StringComparer.Ordinal));
        var error = refused.Count == 0 ? null
            : $"{refused.Count.ToString(CultureInfo.InvariantCulture)} of {instanceCount.ToString(CultureInfo.InvariantCulture)} instance(s) refused: "
              + string.Join("; ", refused.Select(f => f.Error).Distinct(StringComparer.Ordinal));
        return new ResearchStudyOutcome(refused.Count == 0 ? ResearchStates.Done : ResearchStates.Failed, error, done.FirstOrDefault()?.StudyKey,
            patient, modalities.Length == 0 ? null : modalities, studyDate, findings);
    }
}

/// <summary>Wakes the runner when a project is run and the exporter when an export is asked for (in-process; another
/// gateway instance finds the work at its next poll).</summary>
public sealed class ResearchWakeUp
{
    public AnalysisWakeUp Runs { get; } = new();

    public AnalysisWakeUp Exports { get; } = new();
}
