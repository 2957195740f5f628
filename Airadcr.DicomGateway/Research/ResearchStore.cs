using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Airadcr.DicomGateway.Index;

namespace Airadcr.DicomGateway.Research;

/// <summary>A research project's study waiting for the runner, its original UID opened.</summary>
public sealed record PendingResearchStudy(string ProjectId, string StudyIndex, string StudyInstanceUid, string Profile, byte[] Secret);

/// <summary>A de-identified file of a project (or a refused one: no keys, no path, an error).</summary>
public sealed record ResearchFile(string SourceIndex, string State, string? Error, string? StudyKey, string? SeriesKey, string? SopKey,
    string? SopClassUid, string? TransferSyntaxUid, string? Modality, int? InstanceNumber, string? Path, long SizeBytes);

/// <summary>The de-identified copy of a study, as the runner leaves it.</summary>
public sealed record ResearchStudyOutcome(string State, string? Error, string? StudyKey, string? PatientPseudonym, string? Modality,
    string? StudyDate, IReadOnlyList<ResearchFinding> Findings);

/// <summary>
/// The research tables of <c>gatewaydb</c> (both engines, <see cref="GatewaySchema"/> version 4). Originals (study UIDs
/// of the selection, pseudonym mappings, project secrets) are stored sealed by <see cref="ResearchSealer"/>, found by
/// blind index; nothing else in these tables names a patient or an original UID.
/// </summary>
public sealed class ResearchStore(GatewayDatabase database, ResearchAccess access, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ResearchSealer Sealer => access.Sealer;

    private string Now => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    public const string StudyField = "study";
    public const string SourceField = "source";
    public const string PseudonymField = "pseudonym";

    public async Task<string> CreateAsync(string name, string profile, ProjectQuery? query, IReadOnlyList<string> members,
        IReadOnlyList<string>? explicitStudies, IReadOnlyList<string> studies, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var secret = RandomNumberGenerator.GetBytes(32);
        await database.InWriteTransactionAsync(async connection =>
        {
            await GatewayDatabase.ExecuteAsync(connection, """
                INSERT INTO research_projects (project_id, name, profile, query, members, selection_sealed, secret_sealed, created_at)
                VALUES (@id, @name, @profile, @query, @members, @selection, @secret, @now)
                """, cancellationToken,
                ("@id", id), ("@name", name), ("@profile", profile), ("@query", query is null ? null : JsonSerializer.Serialize(query, Json)),
                ("@members", JsonSerializer.Serialize(members, Json)),
                ("@selection", explicitStudies is null ? null : Sealer.Seal(JsonSerializer.SerializeToUtf8Bytes(explicitStudies, Json), "selection:" + id)),
                ("@secret", Sealer.Seal(secret, "secret:" + id)), ("@now", Now));
            await AddStudiesAsync(connection, id, studies, cancellationToken);
            return 0;
        }, cancellationToken);
        return id;
    }

    /// <summary>Adds studies (pending) a project does not have yet; returns how many were new.</summary>
    public Task<int> AddStudiesAsync(string projectId, IReadOnlyList<string> studies, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(connection => AddStudiesAsync(connection, projectId, studies, cancellationToken), cancellationToken);

    private async Task<int> AddStudiesAsync(DbConnection connection, string projectId, IReadOnlyList<string> studies, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var study in studies.Distinct(StringComparer.Ordinal))
        {
            var index = Sealer.IndexOf(projectId, StudyField, study);
            added += await GatewayDatabase.ExecuteAsync(connection, """
                INSERT INTO research_studies (project_id, study_index, study_sealed, state, updated_at)
                VALUES (@project, @index, @sealed, 'pending', @now) ON CONFLICT (project_id, study_index) DO NOTHING
                """, cancellationToken,
                ("@project", projectId), ("@index", index), ("@sealed", Sealer.SealText(study, StudyAad(projectId, index))), ("@now", Now));
        }
        return added;
    }

    private static string StudyAad(string projectId, string index) => "study:" + projectId + ":" + index;

    public async Task<IReadOnlyList<ResearchProject>> ListAsync(CancellationToken cancellationToken) =>
        await ReadProjectsAsync(null, cancellationToken);

    public async Task<ResearchProject?> GetAsync(string projectId, CancellationToken cancellationToken) =>
        (await ReadProjectsAsync(projectId, cancellationToken)).SingleOrDefault();

    private async Task<List<ResearchProject>> ReadProjectsAsync(string? projectId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var filter = projectId is null ? "" : " WHERE p.project_id = @id";
        await using var command = GatewayDatabase.Command(connection, $"""
            SELECT p.project_id, p.name, p.profile, p.query, p.members, p.created_at,
                   COUNT(CASE WHEN s.state = 'pending' THEN 1 END), COUNT(CASE WHEN s.state = 'done' THEN 1 END),
                   COUNT(CASE WHEN s.state = 'failed' THEN 1 END)
            FROM research_projects p LEFT JOIN research_studies s ON s.project_id = p.project_id{filter}
            GROUP BY p.project_id, p.name, p.profile, p.query, p.members, p.created_at ORDER BY p.created_at, p.project_id
            """, ("@id", projectId));
        var projects = new List<ResearchProject>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            projects.Add(new ResearchProject(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                JsonSerializer.Deserialize<List<string>>(reader.GetString(4), Json) ?? [],
                new StudyCounts(InstanceIndex.Int32(reader, 6), InstanceIndex.Int32(reader, 7), InstanceIndex.Int32(reader, 8)),
                reader.IsDBNull(3) ? null : JsonSerializer.Deserialize<ProjectQuery>(reader.GetString(3), Json),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture)));
        }
        return projects;
    }

    public Task<bool> SetMembersAsync(string projectId, IReadOnlyList<string> members, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(async connection => await GatewayDatabase.ExecuteAsync(connection,
            "UPDATE research_projects SET members = @members WHERE project_id = @id", cancellationToken,
            ("@members", JsonSerializer.Serialize(members, Json)), ("@id", projectId)) == 1, cancellationToken);

    /// <summary>Deletes a project's rows (its files are the caller's).</summary>
    public Task<bool> DeleteAsync(string projectId, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(async connection =>
        {
            foreach (var table in new[] { "research_exports", "research_pseudonyms", "research_files", "research_studies" })
            {
                await GatewayDatabase.ExecuteAsync(connection, $"DELETE FROM {table} WHERE project_id = @id", cancellationToken, ("@id", projectId));
            }
            return await GatewayDatabase.ExecuteAsync(connection, "DELETE FROM research_projects WHERE project_id = @id", cancellationToken,
                ("@id", projectId)) == 1;
        }, cancellationToken);

    /// <summary>Failed studies of a project go back to pending (a run tries them again).</summary>
    public Task<int> RetryFailedAsync(string projectId, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(connection => GatewayDatabase.ExecuteAsync(connection,
            "UPDATE research_studies SET state = 'pending', updated_at = @now WHERE project_id = @id AND state = 'failed'", cancellationToken,
            ("@now", Now), ("@id", projectId)), cancellationToken);

    /// <summary>The next pending study of any project, oldest first, or null.</summary>
    public async Task<PendingResearchStudy?> NextPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, """
            SELECT s.project_id, s.study_index, s.study_sealed, p.profile, p.secret_sealed
            FROM research_studies s JOIN research_projects p ON p.project_id = s.project_id
            WHERE s.state = 'pending' ORDER BY s.updated_at, s.project_id, s.study_index LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var (projectId, index) = (reader.GetString(0), reader.GetString(1));
        return new PendingResearchStudy(projectId, index, Sealer.OpenText(reader.GetFieldValue<byte[]>(2), StudyAad(projectId, index)),
            reader.GetString(3), Sealer.Open(reader.GetFieldValue<byte[]>(4), "secret:" + projectId));
    }

    /// <summary>The files of a project: of one study (by its original's index), or of one de-identified study/series.</summary>
    public async Task<IReadOnlyList<ResearchFile>> ListFilesAsync(string projectId, CancellationToken cancellationToken, string? studyIndex = null,
        string? studyKey = null, string? seriesKey = null, string? sopKey = null)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var conditions = new List<string> { "project_id = @project" };
        var parameters = new List<(string, object?)> { ("@project", projectId) };
        foreach (var (column, value) in new[] { ("study_index", studyIndex), ("study_key", studyKey), ("series_key", seriesKey), ("sop_key", sopKey) })
        {
            if (value is not null)
            {
                conditions.Add($"{column} = @{column}");
                parameters.Add(($"@{column}", value));
            }
        }
        await using var command = GatewayDatabase.Command(connection, $"""
            SELECT source_index, state, error, study_key, series_key, sop_key, sop_class_uid, transfer_syntax_uid, modality, instance_number, path, size_bytes
            FROM research_files WHERE {string.Join(" AND ", conditions)}
            ORDER BY study_key, series_key, instance_number, sop_key
            """, [.. parameters]);
        var files = new List<ResearchFile>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            files.Add(new ResearchFile(reader.GetString(0), reader.GetString(1), Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5),
                Text(reader, 6), Text(reader, 7), Text(reader, 8), reader.IsDBNull(9) ? null : InstanceIndex.Int32(reader, 9), Text(reader, 10),
                reader.IsDBNull(11) ? 0 : Convert.ToInt64(reader.GetValue(11), CultureInfo.InvariantCulture)));
        }
        return files;
    }

    /// <summary>Records files of a study (done or refused) and the pseudonyms they were given, in one transaction.</summary>
    public Task RecordFilesAsync(string projectId, string studyIndex, IReadOnlyList<ResearchFile> files,
        IReadOnlyList<Airadcr.Dicom.Deidentification.Pseudonym> pseudonyms, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(async connection =>
        {
            foreach (var file in files)
            {
                await GatewayDatabase.ExecuteAsync(connection, """
                    INSERT INTO research_files (project_id, source_index, study_index, state, error, study_key, series_key, sop_key,
                        sop_class_uid, transfer_syntax_uid, modality, instance_number, path, size_bytes)
                    VALUES (@project, @source, @study, @state, @error, @studyKey, @seriesKey, @sopKey, @class, @syntax, @modality, @number, @path, @size)
                    ON CONFLICT (project_id, source_index) DO UPDATE SET state = excluded.state, error = excluded.error,
                        study_key = excluded.study_key, series_key = excluded.series_key, sop_key = excluded.sop_key,
                        sop_class_uid = excluded.sop_class_uid, transfer_syntax_uid = excluded.transfer_syntax_uid,
                        modality = excluded.modality, instance_number = excluded.instance_number, path = excluded.path, size_bytes = excluded.size_bytes
                    """, cancellationToken,
                    ("@project", projectId), ("@source", file.SourceIndex), ("@study", studyIndex), ("@state", file.State), ("@error", file.Error),
                    ("@studyKey", file.StudyKey), ("@seriesKey", file.SeriesKey), ("@sopKey", file.SopKey), ("@class", file.SopClassUid),
                    ("@syntax", file.TransferSyntaxUid), ("@modality", file.Modality), ("@number", file.InstanceNumber), ("@path", file.Path),
                    ("@size", file.SizeBytes));
            }
            // One replacement may stand for several originals (the patient's pseudonym replaces its ID and its name).
            foreach (var pseudonym in pseudonyms.DistinctBy(p => (p.Replacement, p.Kind)))
            {
                var index = Sealer.IndexOf(projectId, PseudonymField, pseudonym.Replacement);
                await GatewayDatabase.ExecuteAsync(connection, """
                    INSERT INTO research_pseudonyms (project_id, pseudonym_index, kind, original_sealed) VALUES (@project, @index, @kind, @sealed)
                    ON CONFLICT (project_id, pseudonym_index, kind) DO NOTHING
                    """, cancellationToken,
                    ("@project", projectId), ("@index", index), ("@kind", pseudonym.Kind),
                    ("@sealed", Sealer.SealText(pseudonym.Original, PseudonymAad(projectId, index, pseudonym.Kind))));
            }
            return 0;
        }, cancellationToken);

    /// <summary>What a pseudonym stands for, most identifying kind first: the patient's pseudonym gives the Patient ID,
    /// not also the name.</summary>
    private static readonly string[] KindPreference =
        ["PatientID", "AccessionNumber", "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "FrameOfReferenceUID", "UID", "PatientName"];

    private static string PseudonymAad(string projectId, string index, string kind) => "pseudonym:" + projectId + ":" + index + ":" + kind;

    /// <summary>The original behind a pseudonym the project gave (one: of the kind <see cref="KindPreference"/> puts first), or null.</summary>
    public async Task<Reidentified?> FindOriginalAsync(string projectId, string pseudonym, CancellationToken cancellationToken)
    {
        var index = Sealer.IndexOf(projectId, PseudonymField, pseudonym);
        var rows = new List<(string Kind, byte[] Sealed)>();
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = GatewayDatabase.Command(connection,
            "SELECT kind, original_sealed FROM research_pseudonyms WHERE project_id = @project AND pseudonym_index = @index",
            ("@project", projectId), ("@index", index)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetFieldValue<byte[]>(1)));
            }
        }
        if (rows.Count == 0)
        {
            return null;
        }
        var (kind, sealedOriginal) = rows.OrderBy(row => Array.IndexOf(KindPreference, row.Kind) is var rank and >= 0 ? rank : KindPreference.Length)
            .ThenBy(row => row.Kind, StringComparer.Ordinal).First();
        return new Reidentified(kind, Sealer.OpenText(sealedOriginal, PseudonymAad(projectId, index, kind)));
    }

    public Task CompleteStudyAsync(string projectId, string studyIndex, ResearchStudyOutcome outcome, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(async connection =>
        {
            await GatewayDatabase.ExecuteAsync(connection, """
                UPDATE research_studies SET state = @state, error = @error, study_key = @key, patient_pseudonym = @patient, modality = @modality,
                    study_date = @date, findings = @findings, findings_count = @findingsCount, updated_at = @now,
                    series_count = (SELECT COUNT(DISTINCT series_key) FROM research_files f
                                    WHERE f.project_id = @project AND f.study_index = @index AND f.state = 'done'),
                    instance_count = (SELECT COUNT(*) FROM research_files f
                                      WHERE f.project_id = @project AND f.study_index = @index AND f.state = 'done')
                WHERE project_id = @project AND study_index = @index
                """, cancellationToken,
                ("@state", outcome.State), ("@error", outcome.Error), ("@key", outcome.StudyKey), ("@patient", outcome.PatientPseudonym),
                ("@modality", outcome.Modality), ("@date", outcome.StudyDate), ("@findings", JsonSerializer.Serialize(outcome.Findings, Json)),
                ("@findingsCount", outcome.Findings.Count), ("@now", Now), ("@project", projectId), ("@index", studyIndex));
            return 0;
        }, cancellationToken);

    /// <summary>The project's studies as researchers see them.</summary>
    public async Task<IReadOnlyList<(ResearchStudyRow Row, IReadOnlyList<ResearchFinding> Findings)>> ListStudiesAsync(string projectId,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, """
            SELECT study_key, patient_pseudonym, modality, study_date, series_count, instance_count, findings_count, state, error, findings
            FROM research_studies WHERE project_id = @project ORDER BY study_key, updated_at, study_index
            """, ("@project", projectId));
        var rows = new List<(ResearchStudyRow, IReadOnlyList<ResearchFinding>)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((new ResearchStudyRow(Text(reader, 0), Text(reader, 1), Text(reader, 2), Text(reader, 3), InstanceIndex.Int32(reader, 4),
                    InstanceIndex.Int32(reader, 5), InstanceIndex.Int32(reader, 6), reader.GetString(7), Text(reader, 8)),
                Text(reader, 9) is { } findings ? JsonSerializer.Deserialize<List<ResearchFinding>>(findings, Json) ?? [] : []));
        }
        return rows;
    }

    public async Task<string> CreateExportAsync(string projectId, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        await database.InWriteTransactionAsync(connection => GatewayDatabase.ExecuteAsync(connection, """
            INSERT INTO research_exports (export_id, project_id, state, created_at, updated_at) VALUES (@id, @project, 'queued', @now, @now)
            """, cancellationToken, ("@id", id), ("@project", projectId), ("@now", Now)), cancellationToken);
        return id;
    }

    public async Task<ExportProgress?> GetExportAsync(string projectId, string exportId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, """
            SELECT state, files_done, files_total, bytes, error FROM research_exports WHERE export_id = @id AND project_id = @project
            """, ("@id", exportId), ("@project", projectId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ExportProgress(reader.GetString(0), InstanceIndex.Int32(reader, 1), InstanceIndex.Int32(reader, 2),
                Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture), Text(reader, 4))
            : null;
    }

    /// <summary>Claims the oldest queued export (state <c>running</c>), or null. Exports left running by a stop are queued again at start.</summary>
    public Task<(string ProjectId, string ExportId)?> ClaimExportAsync(CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(async connection =>
        {
            string projectId, exportId;
            await using (var command = GatewayDatabase.Command(connection,
                "SELECT project_id, export_id FROM research_exports WHERE state = 'queued' ORDER BY created_at, export_id LIMIT 1"))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return ((string, string)?)null;
                }
                (projectId, exportId) = (reader.GetString(0), reader.GetString(1));
            }
            await GatewayDatabase.ExecuteAsync(connection, "UPDATE research_exports SET state = 'running', updated_at = @now WHERE export_id = @id",
                cancellationToken, ("@now", Now), ("@id", exportId));
            return (projectId, exportId);
        }, cancellationToken);

    public Task RequeueRunningExportsAsync(CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(connection => GatewayDatabase.ExecuteAsync(connection,
            "UPDATE research_exports SET state = 'queued', files_done = 0, bytes = 0 WHERE state = 'running'", cancellationToken), cancellationToken);

    public Task UpdateExportAsync(string exportId, string state, int filesDone, int filesTotal, long bytes, string? error,
        CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(connection => GatewayDatabase.ExecuteAsync(connection, """
            UPDATE research_exports SET state = @state, files_done = @done, files_total = @total, bytes = @bytes, error = @error, updated_at = @now
            WHERE export_id = @id
            """, cancellationToken, ("@state", state), ("@done", filesDone), ("@total", filesTotal), ("@bytes", bytes), ("@error", error),
            ("@now", Now), ("@id", exportId)), cancellationToken);

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
