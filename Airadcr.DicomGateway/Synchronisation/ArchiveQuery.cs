using Airadcr.Dicom;
using Airadcr.Dicom.Network;
using Airadcr.Dicom.Network.Client;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>
/// C-FIND (Study Root) of one archive: its census for a scope (study, series and image levels) in one association,
/// under a deadline and a bound on the number of answers. Whatever goes wrong (association rejected or aborted,
/// malformed or incomplete answers, a failure status, the deadline, pending answers without end) becomes
/// <see cref="ArchiveCensus.Failure"/>: one archive's failure never hides the others' results.
/// </summary>
public sealed class ArchiveQuery(SyncOptions options, string callingAe, TimeProvider time)
{
    private static readonly IReadOnlyList<PresentationContextProposal> Contexts = new PresentationContexts.Builder()
        .Add(DicomUids.StudyRootQueryRetrieveInformationModelFind, PresentationContexts.Uncompressed)
        .Build();

    public async Task<ArchiveCensus> CensusAsync(SyncArchive archive, SyncScope scope, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.QueryTimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            await using var association = await DicomClient.ConnectAsync(ClientOptions(archive, options, callingAe, time), Contexts, linked.Token);
            var session = new Session(association, options.MaxQueryResults);
            var studies = new List<ArchivedStudy>();
            foreach (var study in await session.StudiesAsync(scope, linked.Token))
            {
                var series = new List<ArchivedSeries>();
                foreach (var (seriesUid, modality) in await session.SeriesAsync(study.StudyInstanceUid, linked.Token))
                {
                    series.Add(new ArchivedSeries(seriesUid, modality, await session.InstancesAsync(study.StudyInstanceUid, seriesUid, linked.Token)));
                }
                studies.Add(study with { Series = series });
            }
            var patientStudies = new List<ArchivedStudy>();
            if (scope.Kind == SyncScopeKind.Study)
            {
                foreach (var patientId in studies.Select(s => s.Attributes.PatientId).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal))
                {
                    patientStudies.AddRange(await session.StudiesAsync(SyncScope.Patient(patientId), linked.Token));
                }
            }
            else
            {
                patientStudies.AddRange(studies);
            }
            await association.ReleaseAsync(linked.Token);
            return new ArchiveCensus(archive, studies, patientStudies, null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ArchiveCensus.Failed(archive, $"no complete answer within {options.QueryTimeoutSeconds} s");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return ArchiveCensus.Failed(archive, Reason(error));
        }
    }

    /// <summary>
    /// Adds to a study-scope census the archive's studies under <paramref name="patientIds"/> it did not ask about yet
    /// (another archive's Patient IDs for the study: a collision shows only there). A failure fails the census.
    /// </summary>
    public async Task<ArchiveCensus> WithPatientsAsync(ArchiveCensus census, IEnumerable<string> patientIds, CancellationToken cancellationToken)
    {
        var asked = census.PatientStudies.Select(s => s.Attributes.PatientId).ToHashSet(StringComparer.Ordinal);
        var more = patientIds.Where(id => id.Length > 0 && !asked.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        if (!census.Succeeded || more.Count == 0)
        {
            return census;
        }
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.QueryTimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            await using var association = await DicomClient.ConnectAsync(ClientOptions(census.Archive, options, callingAe, time), Contexts, linked.Token);
            var session = new Session(association, options.MaxQueryResults);
            var studies = new List<ArchivedStudy>(census.PatientStudies);
            foreach (var patientId in more)
            {
                studies.AddRange(await session.StudiesAsync(SyncScope.Patient(patientId), linked.Token));
            }
            await association.ReleaseAsync(linked.Token);
            return census with { PatientStudies = studies };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ArchiveCensus.Failed(census.Archive, $"no complete answer within {options.QueryTimeoutSeconds} s");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return ArchiveCensus.Failed(census.Archive, Reason(error));
        }
    }

    /// <summary>Every archive's census for a scope, in parallel; for a study scope, each also holds the studies under
    /// the Patient IDs any archive gave the study (the collision check needs them).</summary>
    public async Task<IReadOnlyList<ArchiveCensus>> CensusesAsync(IReadOnlyList<SyncArchive> archives, SyncScope scope, CancellationToken cancellationToken)
    {
        var censuses = await Task.WhenAll(archives.Select(a => CensusAsync(a, scope, cancellationToken)));
        if (scope.Kind != SyncScopeKind.Study)
        {
            return censuses;
        }
        var patientIds = censuses.SelectMany(c => c.Studies.Select(s => s.Attributes.PatientId)).ToList();
        return await Task.WhenAll(censuses.Select(c => WithPatientsAsync(c, patientIds, cancellationToken)));
    }

    /// <summary>Requestor settings for an archive (the gateway's AE title calls).</summary>
    public static DicomClientOptions ClientOptions(SyncArchive archive, SyncOptions options, string callingAe, TimeProvider time) => new()
    {
        Host = archive.Host,
        Port = archive.Port,
        CalledAe = archive.AeTitle,
        CallingAe = callingAe,
        TimeProvider = time,
        AssociationTimeout = TimeSpan.FromSeconds(Math.Min(30, options.QueryTimeoutSeconds)),
    };

    /// <summary>A failure in words for a job or a comparison (no data set content, hence no patient data).</summary>
    public static string Reason(Exception error) => error switch
    {
        DicomAssociationRejectedException => "association rejected: " + error.Message,
        DicomAssociationAbortedException => "association aborted: " + error.Message,
        DimseStatusException status => "failure status: " + status.Message,
        DicomAssociationException => error.Message,
        DicomFormatException or InvalidDataException or FormatException or KeyNotFoundException => "malformed answer: " + error.GetType().Name,
        IOException => "connection lost: " + error.Message,
        _ => error.GetType().Name + ": " + error.Message,
    };

    private sealed class Session(DicomClientAssociation association, int maxResults)
    {
        private int _answers;

        public async Task<IReadOnlyList<ArchivedStudy>> StudiesAsync(SyncScope scope, CancellationToken cancellationToken)
        {
            var query = Level("STUDY")
                .Add(DicomTag.StudyInstanceUID, scope.Kind == SyncScopeKind.Study ? scope.Value! : "")
                .Add(DicomTag.PatientID, scope.Kind == SyncScopeKind.Patient ? scope.Value! : "")
                .Add(DicomTag.PatientName, "").Add(DicomTag.PatientBirthDate, "").Add(DicomTag.PatientSex, "")
                .Add(DicomTag.StudyDate, "").Add(DicomTag.StudyTime, "").Add(DicomTag.AccessionNumber, "");
            var studies = new List<ArchivedStudy>();
            await foreach (var answer in FindAsync(query, cancellationToken))
            {
                var attributes = new StudyAttributes(Text(answer, DicomTag.PatientID), Text(answer, DicomTag.PatientName),
                    Text(answer, DicomTag.PatientBirthDate), Text(answer, DicomTag.PatientSex), Text(answer, DicomTag.StudyDate),
                    Text(answer, DicomTag.StudyTime), Text(answer, DicomTag.AccessionNumber));
                var uid = Uid(answer, DicomTag.StudyInstanceUID);
                // An archive that ignores the key it was given answers with other studies: keep only what was asked.
                if ((scope.Kind != SyncScopeKind.Study || uid == scope.Value) && (scope.Kind != SyncScopeKind.Patient || attributes.PatientId == scope.Value))
                {
                    studies.Add(new ArchivedStudy(uid, attributes, []));
                }
            }
            return [.. studies.DistinctBy(s => s.StudyInstanceUid)];
        }

        public async Task<IReadOnlyList<(string SeriesUid, string Modality)>> SeriesAsync(string studyUid, CancellationToken cancellationToken)
        {
            var query = Level("SERIES").Add(DicomTag.StudyInstanceUID, studyUid).Add(DicomTag.SeriesInstanceUID, "").Add(DicomTag.Modality, "");
            var series = new List<(string, string)>();
            await foreach (var answer in FindAsync(query, cancellationToken))
            {
                series.Add((Uid(answer, DicomTag.SeriesInstanceUID), Text(answer, DicomTag.Modality)));
            }
            return [.. series.DistinctBy(s => s.Item1)];
        }

        public async Task<IReadOnlyList<string>> InstancesAsync(string studyUid, string seriesUid, CancellationToken cancellationToken)
        {
            var query = Level("IMAGE").Add(DicomTag.StudyInstanceUID, studyUid).Add(DicomTag.SeriesInstanceUID, seriesUid)
                .Add(DicomTag.SOPInstanceUID, "");
            var instances = new List<string>();
            await foreach (var answer in FindAsync(query, cancellationToken))
            {
                instances.Add(Uid(answer, DicomTag.SOPInstanceUID));
            }
            return [.. instances.Distinct(StringComparer.Ordinal)];
        }

        private async IAsyncEnumerable<DicomDataset> FindAsync(DicomDataset query,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var answer in association.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, query, cancellationToken))
            {
                if (++_answers > maxResults)
                {
                    throw new InvalidOperationException($"more than {maxResults} C-FIND answers");
                }
                yield return answer;
            }
        }

        private static DicomDataset Level(string level) => new DicomDataset().Add(DicomTag.QueryRetrieveLevel, level);
    }

    private static string Text(DicomDataset answer, DicomTag tag) => (answer.GetStringOrDefault(tag) ?? "").Trim('\0', ' ');

    /// <summary>A UID the answer must carry (an incomplete answer fails the census).</summary>
    private static string Uid(DicomDataset answer, DicomTag tag) =>
        Text(answer, tag) is { Length: > 0 } uid && Airadcr.Dicom.Network.Storage.DicomUid.IsValid(uid) ? uid
        : throw new InvalidDataException($"C-FIND answer without a valid {tag}");
}
