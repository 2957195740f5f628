using System.Data.Common;
using Npgsql;

namespace Airadcr.Audit.Storage;

/// <summary>
/// Server mode: the chain in the service's PostgreSQL database (the service's own data source, e.g. Aspire.Npgsql's).
/// A writer takes a transaction-scoped advisory lock before it reads the head, so appends of every process and replica
/// on that database queue one after the other; <c>seq</c> is the primary key, so even a writer that skipped the lock
/// could not fork the chain (its INSERT would fail).
/// </summary>
public sealed class PostgresAuditStore(NpgsqlDataSource dataSource) : SqlAuditStore
{
    /// <summary>The advisory lock key of the chain (advisory locks are per database: one chain per database).</summary>
    public const long ChainLockKey = 0x4149_5241_4443_5241; // "AIRADCRA"

    public override string Engine => "postgresql";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task BeginChainWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, "BEGIN", cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({ChainLockKey})", cancellationToken);
    }
}
