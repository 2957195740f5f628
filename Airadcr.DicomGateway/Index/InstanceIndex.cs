using System.Globalization;
using System.Data.Common;
using Airadcr.DicomGateway.RtStruct;

namespace Airadcr.DicomGateway.Index;

/// <summary>Patients, studies, series and instances received, and their queries.</summary>
public sealed class InstanceIndex(GatewayDatabase database, RtStructWakeUp? rtStructWakeUp = null)
{
    /// <summary>
    /// Records instances (one group commit) in one write transaction: their rows are written while
    /// <paramref name="filesDurable"/> (their files' fsyncs) runs, and committed only once it has completed, so that a
    /// row is never durable before its file. Their studies go (back) to <c>receiving</c>. An instance already indexed
    /// keeps its row. The commit does not wait for its own flush (<see cref="CommitSync.Deferred"/>): the rows are
    /// visible and survive a crash of the process at once, and reach the disk with the next flushed commit (the
    /// <see cref="IndexWatermark"/>); after a power loss their files, durable already, give them back at start-up.
    /// </summary>
    /// <remarks>
    /// RT structure sets are recorded in the same transaction (<see cref="RtStructIngest"/>) and their worker woken
    /// once it commits. An RTSTRUCT never sends its study back to <c>receiving</c>: it does not trigger an analysis.
    /// </remarks>
    public async Task AddAsync(IReadOnlyList<IndexedInstance> instances, Task filesDurable, CancellationToken cancellationToken)
    {
        var structureSets = await database.InWriteTransactionAsync(async connection =>
        {
            int flagged;
            try
            {
                foreach (var instance in instances)
                {
                    await AddAsync(connection, instance, cancellationToken);
                }
                flagged = await RtStructIngest.RecordAsync(connection, instances, cancellationToken);
            }
            catch
            {
                await filesDurable.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw;
            }
            await filesDurable;
            return flagged;
        }, cancellationToken, CommitSync.Deferred);
        if (structureSets > 0)
        {
            rtStructWakeUp?.Notify();
        }
    }

    /// <summary>
    /// Those of <paramref name="sopInstanceUids"/> already indexed: one query per <see cref="LookupChunk"/> UIDs (the
    /// engines bound the parameters of one statement), on one connection.
    /// </summary>
    public async Task<HashSet<string>> IndexedAmongAsync(IReadOnlyCollection<string> sopInstanceUids, CancellationToken cancellationToken)
    {
        var indexed = new HashSet<string>(StringComparer.Ordinal);
        if (sopInstanceUids.Count == 0)
        {
            return indexed;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var chunk in sopInstanceUids.Chunk(LookupChunk))
        {
            var parameters = chunk.Select((uid, i) => (Name: string.Create(CultureInfo.InvariantCulture, $"@sop{i}"), Value: (object?)uid)).ToArray();
            await using var command = GatewayDatabase.Command(connection,
                $"SELECT sop_instance_uid FROM instances WHERE sop_instance_uid IN ({string.Join(", ", parameters.Select(p => p.Name))})", parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                indexed.Add(reader.GetString(0));
            }
        }
        return indexed;
    }

    /// <summary>The most UIDs one lookup statement carries.</summary>
    public const int LookupChunk = 500;

    private static async Task AddAsync(DbConnection connection, IndexedInstance instance, CancellationToken cancellationToken)
    {
        var patientKey = instance.PatientId is { Length: > 0 } ? await UpsertPatientAsync(connection, instance, cancellationToken) : null;
        var received = instance.ReceivedAt.ToString("O", CultureInfo.InvariantCulture);
        // An RTSTRUCT alone makes a complete study (no analysis job), and leaves an existing study's state as it is.
        await GatewayDatabase.ExecuteAsync(connection, RtStructIngest.IsStructureSet(instance)
            ? """
              INSERT INTO studies (study_uid, patient_key, accession_number, study_date, description, state, first_received_at, last_received_at, completed_at)
              VALUES (@study, @patient, @accession, @date, @description, 'complete', @received, @received, @received)
              ON CONFLICT (study_uid) DO NOTHING
              """
            : """
              INSERT INTO studies (study_uid, patient_key, accession_number, study_date, description, state, first_received_at, last_received_at)
              VALUES (@study, @patient, @accession, @date, @description, 'receiving', @received, @received)
              ON CONFLICT (study_uid) DO UPDATE SET state = 'receiving', completed_at = NULL,
                  last_received_at = CASE WHEN excluded.last_received_at > studies.last_received_at
                      THEN excluded.last_received_at ELSE studies.last_received_at END
              """, cancellationToken,
            ("@study", instance.StudyInstanceUid), ("@patient", patientKey), ("@accession", instance.AccessionNumber),
            ("@date", instance.StudyDate), ("@description", instance.StudyDescription), ("@received", received));
        await GatewayDatabase.ExecuteAsync(connection, """
            INSERT INTO series (series_uid, study_uid, modality, series_number, description)
            VALUES (@series, @study, @modality, @number, @description) ON CONFLICT (series_uid) DO NOTHING
            """, cancellationToken,
            ("@series", instance.SeriesInstanceUid), ("@study", instance.StudyInstanceUid), ("@modality", instance.Modality),
            ("@number", instance.SeriesNumber), ("@description", instance.SeriesDescription));
        await GatewayDatabase.ExecuteAsync(connection, """
            INSERT INTO instances (sop_instance_uid, series_uid, sop_class_uid, transfer_syntax_uid, instance_number, path, size_bytes, calling_ae, received_at)
            VALUES (@sop, @series, @class, @syntax, @number, @path, @size, @ae, @received) ON CONFLICT (sop_instance_uid) DO NOTHING
            """, cancellationToken,
            ("@sop", instance.SopInstanceUid), ("@series", instance.SeriesInstanceUid), ("@class", instance.SopClassUid),
            ("@syntax", instance.TransferSyntaxUid), ("@number", instance.InstanceNumber), ("@path", instance.Path),
            ("@size", instance.SizeBytes), ("@ae", instance.CallingAe), ("@received", received));
    }

    public async Task<bool> ContainsAsync(string sopInstanceUid, CancellationToken cancellationToken) =>
        (await IndexedAmongAsync([sopInstanceUid], cancellationToken)).Count > 0;

    public async Task<IReadOnlyList<StudySummary>> ListStudiesAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, StudySelect + " GROUP BY s.study_uid ORDER BY s.last_received_at DESC LIMIT @limit",
            ("@limit", limit));
        return await ReadStudiesAsync(command, cancellationToken);
    }

    public async Task<StudySummary?> GetStudyAsync(string studyUid, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, StudySelect + " WHERE s.study_uid = @study GROUP BY s.study_uid", ("@study", studyUid));
        return (await ReadStudiesAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<InstanceSummary>> ListInstancesAsync(string studyUid, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, """
            SELECT i.series_uid, i.sop_instance_uid, i.sop_class_uid, i.transfer_syntax_uid, i.instance_number, i.size_bytes
            FROM instances i JOIN series se ON se.series_uid = i.series_uid
            WHERE se.study_uid = @study ORDER BY se.series_number, i.series_uid, i.instance_number, i.sop_instance_uid
            """, ("@study", studyUid));
        var result = new List<InstanceSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new InstanceSummary(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetInt64(5)));
        }
        return result;
    }

    public async Task<IReadOnlyList<SeriesSummary>> ListSeriesAsync(string studyUid, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, """
            SELECT se.series_uid, se.modality, se.series_number, se.description, COUNT(i.sop_instance_uid)
            FROM series se LEFT JOIN instances i ON i.series_uid = se.series_uid
            WHERE se.study_uid = @study GROUP BY se.series_uid, se.modality, se.series_number, se.description
            ORDER BY se.series_number, se.series_uid
            """, ("@study", studyUid));
        var result = new List<SeriesSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new SeriesSummary(reader.GetString(0), NullableString(reader, 1), reader.IsDBNull(2) ? null : Int32(reader, 2),
                NullableString(reader, 3), Int32(reader, 4)));
        }
        return result;
    }

    /// <summary>Every instance file of a study.</summary>
    public async Task<IReadOnlyList<Reports.StudyFile>> ListInstanceFilesAsync(string studyUid, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, """
            SELECT i.series_uid, i.sop_class_uid, i.sop_instance_uid, i.path
            FROM instances i JOIN series se ON se.series_uid = i.series_uid
            WHERE se.study_uid = @study ORDER BY se.series_number, i.series_uid, i.instance_number, i.sop_instance_uid
            """, ("@study", studyUid));
        var files = new List<Reports.StudyFile>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            files.Add(new Reports.StudyFile(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
        return files;
    }

    /// <summary>The file of an instance of a study, or null.</summary>
    public async Task<string?> GetInstancePathAsync(string studyUid, string sopInstanceUid, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, """
            SELECT i.path FROM instances i JOIN series se ON se.series_uid = i.series_uid
            WHERE se.study_uid = @study AND i.sop_instance_uid = @sop
            """, ("@study", studyUid), ("@sop", sopInstanceUid));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private const string StudySelect = """
        SELECT s.study_uid, s.state, s.accession_number, s.study_date, s.description,
               COUNT(DISTINCT se.series_uid), COUNT(i.sop_instance_uid), s.last_received_at, s.completed_at
        FROM studies s LEFT JOIN series se ON se.study_uid = s.study_uid LEFT JOIN instances i ON i.series_uid = se.series_uid
        """;

    private static async Task<IReadOnlyList<StudySummary>> ReadStudiesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var result = new List<StudySummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new StudySummary(reader.GetString(0), reader.GetString(1), NullableString(reader, 2), NullableString(reader, 3),
                NullableString(reader, 4), Int32(reader, 5), Int32(reader, 6),
                DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture),
                reader.IsDBNull(8) ? null : DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture)));
        }
        return result;
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A count or integer column, whatever width the engine returns it in.</summary>
    internal static int Int32(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static async Task<long?> UpsertPatientAsync(DbConnection connection, IndexedInstance instance, CancellationToken cancellationToken)
    {
        await using var command = GatewayDatabase.Command(connection, """
            INSERT INTO patients (patient_id, patient_name, birth_date, sex) VALUES (@id, @name, @birth, @sex)
            ON CONFLICT (patient_id) DO UPDATE SET patient_name = COALESCE(excluded.patient_name, patients.patient_name)
            RETURNING patient_key
            """, ("@id", instance.PatientId), ("@name", instance.PatientName), ("@birth", instance.PatientBirthDate), ("@sex", instance.PatientSex));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
