using Microsoft.Data.Sqlite;

namespace Airadcr.DicomGateway.Index;

/// <summary>
/// The gateway's own database (embedded mode: SQLite in WAL mode, synchronous FULL so that an acknowledged
/// instance's index row survives a crash). Migrated at start-up with versioned scripts.
/// </summary>
public sealed class GatewayDatabase
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE patients (
            patient_key INTEGER PRIMARY KEY,
            patient_id TEXT NOT NULL UNIQUE,
            patient_name TEXT, birth_date TEXT, sex TEXT);
        CREATE TABLE studies (
            study_uid TEXT PRIMARY KEY,
            patient_key INTEGER REFERENCES patients(patient_key),
            accession_number TEXT, study_date TEXT, description TEXT,
            state TEXT NOT NULL,
            first_received_at TEXT NOT NULL, last_received_at TEXT NOT NULL, completed_at TEXT);
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
            instance_number INTEGER, path TEXT NOT NULL, size_bytes INTEGER NOT NULL,
            calling_ae TEXT NOT NULL, received_at TEXT NOT NULL);
        CREATE INDEX instances_series ON instances(series_uid);
        CREATE TABLE analysis_jobs (
            job_id INTEGER PRIMARY KEY AUTOINCREMENT,
            study_uid TEXT NOT NULL REFERENCES studies(study_uid),
            state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, traceparent TEXT, error TEXT,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE INDEX analysis_jobs_state ON analysis_jobs(state, job_id);
        CREATE TABLE calling_aes (ae_title TEXT PRIMARY KEY);
        """,
        """
        ALTER TABLE analysis_jobs ADD COLUMN not_before TEXT;
        CREATE TABLE pacs_sends (
            send_id INTEGER PRIMARY KEY AUTOINCREMENT,
            study_uid TEXT NOT NULL, path TEXT NOT NULL,
            state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, not_before TEXT, error TEXT,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE INDEX pacs_sends_state ON pacs_sends(state, not_before);
        """,
    ];

    private readonly string _connectionString;

    public GatewayDatabase(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        Migrate();
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE: writers queue, no upgrade deadlock).</summary>
    public async Task<T> InWriteTransactionAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await Run(connection, "BEGIN IMMEDIATE", cancellationToken);
        try
        {
            var result = await work(connection);
            await Run(connection, "COMMIT", cancellationToken);
            return result;
        }
        catch
        {
            await Run(connection, "ROLLBACK", CancellationToken.None);
            throw;
        }
    }

    private static async Task Run(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Migrate()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var setup = connection.CreateCommand();
        setup.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);";
        setup.ExecuteNonQuery();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        var version = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        for (var next = version; next < Migrations.Length; next++)
        {
            using var transaction = connection.BeginTransaction();
            using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = Migrations[next] + $"; INSERT INTO schema_version (version) VALUES ({next + 1});";
            migrate.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <summary>A command with named parameters (null values sent as NULL).</summary>
    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    public static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
