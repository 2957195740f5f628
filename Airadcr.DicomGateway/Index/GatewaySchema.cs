namespace Airadcr.DicomGateway.Index;

/// <summary>
/// The versioned schema of <c>gatewaydb</c>, one script per version, shared by both engines: <c>{key}</c> is the
/// engine's auto-numbered primary key, <c>{stamp}</c> its ISO 8601 text column (byte order in PostgreSQL too) and
/// <c>{blob}</c> its byte-string column.
/// </summary>
internal static class GatewaySchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE patients (
            patient_key {key},
            patient_id TEXT NOT NULL UNIQUE,
            patient_name TEXT, birth_date TEXT, sex TEXT);
        CREATE TABLE studies (
            study_uid TEXT PRIMARY KEY,
            patient_key BIGINT REFERENCES patients(patient_key),
            accession_number TEXT, study_date TEXT, description TEXT,
            state TEXT NOT NULL,
            first_received_at {stamp} NOT NULL, last_received_at {stamp} NOT NULL, completed_at {stamp});
        CREATE INDEX studies_state ON studies(state, last_received_at);
        CREATE TABLE series (
            series_uid TEXT PRIMARY KEY,
            study_uid TEXT NOT NULL REFERENCES studies(study_uid),
            modality TEXT, series_number INTEGER, description TEXT);
        CREATE INDEX series_study ON series(study_uid);
        CREATE TABLE instances (
            sop_instance_uid TEXT PRIMARY KEY,
            series_uid TEXT NOT NULL REFERENCES series(series_uid),
            sop_class_uid TEXT NOT NULL, transfer_syntax_uid TEXT NOT NULL,
            instance_number INTEGER, path TEXT NOT NULL, size_bytes BIGINT NOT NULL,
            calling_ae TEXT NOT NULL, received_at {stamp} NOT NULL);
        CREATE INDEX instances_series ON instances(series_uid);
        CREATE TABLE analysis_jobs (
            job_id {key},
            study_uid TEXT NOT NULL REFERENCES studies(study_uid),
            state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, traceparent TEXT, error TEXT,
            created_at {stamp} NOT NULL, updated_at {stamp} NOT NULL);
        CREATE INDEX analysis_jobs_state ON analysis_jobs(state, job_id);
        CREATE TABLE calling_aes (ae_title TEXT PRIMARY KEY);
        """,
        """
        ALTER TABLE analysis_jobs ADD COLUMN not_before {stamp};
        CREATE TABLE pacs_sends (
            send_id {key},
            study_uid TEXT NOT NULL, path TEXT NOT NULL,
            state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, not_before {stamp}, error TEXT,
            created_at {stamp} NOT NULL, updated_at {stamp} NOT NULL);
        CREATE INDEX pacs_sends_state ON pacs_sends(state, not_before);
        """,
        """
        CREATE TABLE index_watermark (
            id INTEGER PRIMARY KEY,
            durable_before {stamp} NOT NULL);
        """,
        """
        CREATE TABLE research_projects (
            project_id TEXT PRIMARY KEY,
            name TEXT NOT NULL, profile TEXT NOT NULL, query TEXT, members TEXT NOT NULL,
            selection_sealed {blob}, secret_sealed {blob} NOT NULL,
            created_at {stamp} NOT NULL, run_requested_at {stamp});
        CREATE TABLE research_studies (
            project_id TEXT NOT NULL REFERENCES research_projects(project_id) ON DELETE CASCADE,
            study_index TEXT NOT NULL, study_sealed {blob} NOT NULL,
            state TEXT NOT NULL, error TEXT,
            study_key TEXT, patient_pseudonym TEXT, modality TEXT, study_date TEXT,
            series_count INTEGER NOT NULL DEFAULT 0, instance_count INTEGER NOT NULL DEFAULT 0,
            findings TEXT, findings_count INTEGER NOT NULL DEFAULT 0,
            updated_at {stamp} NOT NULL,
            PRIMARY KEY (project_id, study_index));
        CREATE INDEX research_studies_state ON research_studies(state, project_id);
        CREATE TABLE research_files (
            project_id TEXT NOT NULL REFERENCES research_projects(project_id) ON DELETE CASCADE,
            source_index TEXT NOT NULL, study_index TEXT NOT NULL,
            state TEXT NOT NULL, error TEXT,
            study_key TEXT, series_key TEXT, sop_key TEXT, sop_class_uid TEXT, transfer_syntax_uid TEXT,
            modality TEXT, instance_number INTEGER, path TEXT, size_bytes BIGINT,
            PRIMARY KEY (project_id, source_index));
        CREATE INDEX research_files_study ON research_files(project_id, study_key, series_key);
        CREATE TABLE research_pseudonyms (
            project_id TEXT NOT NULL REFERENCES research_projects(project_id) ON DELETE CASCADE,
            pseudonym_index TEXT NOT NULL, kind TEXT NOT NULL, original_sealed {blob} NOT NULL,
            PRIMARY KEY (project_id, pseudonym_index, kind));
        CREATE TABLE research_exports (
            export_id TEXT PRIMARY KEY,
            project_id TEXT NOT NULL REFERENCES research_projects(project_id) ON DELETE CASCADE,
            state TEXT NOT NULL, files_done INTEGER NOT NULL DEFAULT 0, files_total INTEGER NOT NULL DEFAULT 0,
            bytes BIGINT NOT NULL DEFAULT 0, error TEXT,
            created_at {stamp} NOT NULL, updated_at {stamp} NOT NULL);
        """,
        """
        CREATE TABLE archives (
            archive_id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            ae_title TEXT NOT NULL, host TEXT NOT NULL, port INTEGER NOT NULL, dicomweb_base_url TEXT,
            role TEXT NOT NULL, enabled INTEGER NOT NULL, credentials_sealed {blob},
            created_at {stamp} NOT NULL, updated_at {stamp} NOT NULL);
        """,
        """
        CREATE TABLE sync_jobs (
            job_id {key},
            source TEXT NOT NULL, destination TEXT NOT NULL, method TEXT NOT NULL, conflict TEXT NOT NULL,
            scope TEXT NOT NULL, scope_value TEXT, state TEXT NOT NULL, requested_by TEXT NOT NULL, error TEXT,
            created_at {stamp} NOT NULL, started_at {stamp}, finished_at {stamp}, planned_at {stamp}, updated_at {stamp} NOT NULL);
        CREATE INDEX sync_jobs_state ON sync_jobs(state, job_id);
        CREATE TABLE sync_items (
            job_id BIGINT NOT NULL REFERENCES sync_jobs(job_id),
            sop_instance_uid TEXT NOT NULL, study_uid TEXT NOT NULL, series_uid TEXT NOT NULL,
            state TEXT NOT NULL, error TEXT, updated_at {stamp} NOT NULL,
            PRIMARY KEY (job_id, sop_instance_uid));
        CREATE INDEX sync_items_state ON sync_items(job_id, state);
        """,
        """
        CREATE TABLE rt_structure_sets (
            set_id TEXT PRIMARY KEY,
            sop_instance_uid TEXT NOT NULL UNIQUE,
            study_uid TEXT NOT NULL, study_key TEXT, path TEXT NOT NULL,
            state TEXT NOT NULL, needs_check INTEGER NOT NULL DEFAULT 1, reason TEXT,
            referenced TEXT, referenced_count INTEGER NOT NULL DEFAULT 0, missing_count INTEGER NOT NULL DEFAULT 0,
            roi_count INTEGER NOT NULL DEFAULT 0, roi_error_count INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0,
            created_at {stamp} NOT NULL, updated_at {stamp} NOT NULL, processed_at {stamp});
        CREATE INDEX rt_structure_sets_study ON rt_structure_sets(study_uid, state);
        CREATE INDEX rt_structure_sets_key ON rt_structure_sets(study_key, created_at);
        CREATE INDEX rt_structure_sets_state ON rt_structure_sets(state, needs_check);
        """,
        """
        CREATE TABLE gateway_settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at {stamp} NOT NULL);
        CREATE TABLE study_publications (
            study_uid TEXT PRIMARY KEY,
            state TEXT NOT NULL, results_folder TEXT,
            decision TEXT, decided_by TEXT, decided_at {stamp},
            updated_at {stamp} NOT NULL);
        """,
    ];

    public const string Sqlite = "sqlite";
    public const string Postgres = "postgresql";

    /// <summary>The migrations spelled for an engine.</summary>
    public static IReadOnlyList<string> For(string engine)
    {
        var (key, stamp, blob) = engine switch
        {
            Sqlite => ("INTEGER PRIMARY KEY AUTOINCREMENT", "TEXT", "BLOB"),
            Postgres => ("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "TEXT COLLATE \"C\"", "BYTEA"),
            _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "unknown database engine"),
        };
        return [.. Migrations.Select(script => script.Replace("{key}", key, StringComparison.Ordinal).Replace("{stamp}", stamp, StringComparison.Ordinal)
            .Replace("{blob}", blob, StringComparison.Ordinal))];
    }
}
