using System.Data.Common;
using Airadcr.Audit.Storage;
using Airadcr.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Airadcr.Audit.Tests;

/// <summary>A service's database holding a chain: new stores on it, and raw SQL for the tampering a test does.</summary>
public abstract class ChainDatabase : IAsyncDisposable
{
    public abstract IAuditStore NewStore();

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public abstract ValueTask DisposeAsync();
}

public sealed class SqliteChainDatabase : ChainDatabase
{
    private readonly string _directory = Directory.CreateTempSubdirectory("airadcr-audit-").FullName;

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "service.db") }.ToString();

    public override IAuditStore NewStore() => new SqliteAuditStore(ConnectionString);

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresChainDatabase(string connectionString) : ChainDatabase
{
    private readonly List<NpgsqlDataSource> _sources = [];

    public static async Task<PostgresChainDatabase> CreateAsync(PostgreSqlServer server, CancellationToken cancellationToken) =>
        new(await server.CreateDatabaseAsync("audit_" + Guid.NewGuid().ToString("N")[..12], cancellationToken));

    /// <summary>A store on its own data source (its own pool), as another process or replica would have.</summary>
    public override IAuditStore NewStore()
    {
        var source = NpgsqlDataSource.Create(connectionString);
        _sources.Add(source);
        return new PostgresAuditStore(source);
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var source in _sources)
        {
            await source.DisposeAsync();
        }
    }
}
