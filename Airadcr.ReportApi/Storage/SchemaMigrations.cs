namespace Airadcr.ReportApi.Storage;

/// <summary>The versioned schema, shared by both engines. Append new versions; never edit an applied one.</summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<(int Version, string Sql)> For(ReportDatabase database) =>
    [
        (1, $"""
            CREATE TABLE pending_reports (
                tid_index TEXT PRIMARY KEY,
                patient_index TEXT NULL,
                accession_index TEXT NULL,
                exam_index TEXT NULL,
                payload {database.BinaryType} NOT NULL,
                content_mac TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                retrieved_at BIGINT NULL);
            CREATE INDEX ix_pending_reports_patient ON pending_reports (patient_index, created_at);
            CREATE INDEX ix_pending_reports_accession ON pending_reports (accession_index, created_at);
            CREATE INDEX ix_pending_reports_exam ON pending_reports (exam_index, created_at);
            CREATE INDEX ix_pending_reports_expires ON pending_reports (expires_at);
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                key_prefix TEXT NOT NULL,
                key_hash TEXT NOT NULL UNIQUE,
                is_active BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                last_used_at BIGINT NULL,
                revoked_at BIGINT NULL);
            CREATE INDEX ix_api_keys_prefix ON api_keys (key_prefix);
            """),
        // The review outcome (AIRADCR extension), sealed like the payload; NULL until the report is signed or rejected.
        (2, $"ALTER TABLE pending_reports ADD COLUMN review {database.BinaryType} NULL;"),
    ];
}
