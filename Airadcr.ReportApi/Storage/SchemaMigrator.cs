using System.Data.Common;

namespace Airadcr.ReportApi.Storage;

/// <summary>Applies the schema versions a database has not seen yet, each in its own transaction.</summary>
public sealed class SchemaMigrator(ReportDatabase database, TimeProvider timeProvider)
{
    /// <summary>Migrates and returns the schema version now in place.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using (var create = connection.CreateCommand(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var current = 0;
        foreach (var (version, sql) in SchemaMigrations.For(database))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (database.MigrationLockStatement is { } lockStatement)
            {
                await ExecuteAsync(connection, transaction, lockStatement, cancellationToken);
            }

            if (!await IsAppliedAsync(connection, transaction, version, cancellationToken))
            {
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                await using var record = connection.CreateCommand(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)")
                    .With("@version", version)
                    .With("@at", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
                record.Transaction = transaction;
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            current = version;
        }

        return current;
    }

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction transaction, int version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand("SELECT COUNT(*) FROM schema_migrations WHERE version = @version")
            .With("@version", version);
        command.Transaction = transaction;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(sql);
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
