using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Airadcr.ReportApi.Storage;

/// <summary>The embedded (desktop) database: one SQLite file in WAL mode in the data directory.</summary>
public sealed class SqliteReportDatabase : ReportDatabase
{
    public const string FileName = "pending_reports.db";
    private readonly string connectionString;

    public SqliteReportDatabase(string databasePath)
    {
        DatabasePath = databasePath;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    public override string Engine => "sqlite";

    public override string BinaryType => "BLOB";

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>A consistent online copy of the live database (VACUUM INTO), safe while writers run.</summary>
    public async Task BackupToAsync(string destinationPath, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO @destination";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@destination";
        parameter.Value = destinationPath;
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
