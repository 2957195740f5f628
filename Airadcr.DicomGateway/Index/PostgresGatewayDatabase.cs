using System.Data.Common;
using Npgsql;

namespace Airadcr.DicomGateway.Index;

/// <summary>
/// Server mode: PostgreSQL through an Npgsql data source (<c>ConnectionStrings:gatewaydb</c>). A commit returns once
/// the WAL is flushed (the server's default <c>synchronous_commit</c>), so an acknowledged instance stays indexed.
/// <see cref="CommitSync.Deferred"/> commits are flushed too: with <c>synchronous_commit = off</c> a crash of the
/// PostgreSQL server alone, while the gateway runs on (no start-up recovery), could lose acknowledged rows.
/// </summary>
public sealed class PostgresGatewayDatabase : GatewayDatabase, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresGatewayDatabase(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        Location = $"{settings.Host}:{settings.Port}/{settings.Database}";
    }

    public override string Engine => GatewaySchema.Postgres;

    public override string Location { get; }

    protected override string BeginWriteStatement => "BEGIN";

    // Two gateways starting at once against one database: the second waits for the first's migration.
    protected override string? MigrationLockStatement => "SELECT pg_advisory_xact_lock(7210513)";

    /// <summary>Connects to and migrates the database named by an Npgsql connection string.</summary>
    public static Task<PostgresGatewayDatabase> OpenAsync(string connectionString, CancellationToken cancellationToken) =>
        OpenAsync(NpgsqlDataSource.Create(connectionString), cancellationToken);

    /// <summary>Migrates the database of <paramref name="dataSource"/> (Aspire.Npgsql's, with its health check and telemetry).</summary>
    public static async Task<PostgresGatewayDatabase> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var database = new PostgresGatewayDatabase(dataSource);
        try
        {
            await database.MigrateAsync(GatewaySchema.Postgres, cancellationToken);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
