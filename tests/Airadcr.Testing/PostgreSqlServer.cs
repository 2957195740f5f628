using Npgsql;

namespace Airadcr.Testing;

/// <summary>
/// PostgreSQL 15 in a fresh cluster (<see cref="PostgreSqlCluster"/> in a temporary directory) on a free loopback
/// port. Share it per test collection and give each test class its own database with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private readonly FixtureDirectory _directory = new("postgres");
    private readonly PostgreSqlCluster _cluster;
    private ServerProcess? _process;

    public PostgreSqlServer()
    {
        _cluster = new PostgreSqlCluster(_directory.Path, Port);
    }

    public int Port { get; } = FreePort.Next();

    /// <summary>Npgsql connection string of the <c>postgres</c> database.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    public ServerProcess Process => _process ?? throw new InvalidOperationException("PostgreSQL is not started");

    public string ConnectionStringFor(string database) => _cluster.ConnectionStringFor(database);

    public async ValueTask InitializeAsync() =>
        _process = await _cluster.StartAsync(_directory.Combine("postgres.log"), CancellationToken.None, durable: false);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken) =>
        _cluster.CreateDatabaseAsync(name, cancellationToken);

    public Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken) =>
        _cluster.ScalarAsync<T>("postgres", sql, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        _directory.Dispose();
    }
}
