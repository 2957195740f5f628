using Airadcr.Testing;

namespace Airadcr.ReportApi.Tests.Infrastructure;

/// <summary>Where a test server keeps its reports: the settings that select the store.</summary>
public interface IStoreBackend
{
    string Name { get; }

    /// <summary>Configuration for a fresh, empty store.</summary>
    Task<IReadOnlyDictionary<string, string?>> CreateStoreAsync(CancellationToken cancellationToken);
}

/// <summary>Embedded mode: SQLite in the test's data directory, in-memory cache.</summary>
public sealed class SqliteBackend : IStoreBackend
{
    public string Name => "sqlite";

    public Task<IReadOnlyDictionary<string, string?>> CreateStoreAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());
}

/// <summary>Server mode: a fresh PostgreSQL database and Redis as the HybridCache L2.</summary>
public sealed class PostgresRedisBackend(PostgreSqlServer postgres, RedisServer redis) : IStoreBackend
{
    public string Name => "postgresql+redis";

    public async Task<IReadOnlyDictionary<string, string?>> CreateStoreAsync(CancellationToken cancellationToken)
    {
        var database = "reports_" + Guid.NewGuid().ToString("N");
        return new Dictionary<string, string?>
        {
            ["ConnectionStrings:reportsdb"] = await postgres.CreateDatabaseAsync(database, cancellationToken),
            ["ConnectionStrings:cache"] = redis.ConnectionString,
        };
    }
}
