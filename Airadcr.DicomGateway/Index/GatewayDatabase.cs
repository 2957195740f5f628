using System.Data.Common;

namespace Airadcr.DicomGateway.Index;

/// <summary>
/// The gateway's own database (<c>gatewaydb</c>): SQLite in embedded mode, PostgreSQL when
/// <c>ConnectionStrings:gatewaydb</c> is set. Both run the same SQL (named <c>@parameters</c>, <c>ON CONFLICT</c>,
/// <c>RETURNING</c>; timestamps are ISO 8601 UTC text, compared as text) and the same versioned migrations
/// (<see cref="GatewaySchema"/>), applied at start-up.
/// </summary>
public abstract class GatewayDatabase
{
    /// <summary>Engine name for logs (<c>sqlite</c>, <c>postgresql</c>).</summary>
    public abstract string Engine { get; }

    /// <summary>Where the data is, for the start-up log line (a file, or host/database; never a password).</summary>
    public abstract string Location { get; }

    /// <summary>Starts a write transaction (SQLite: BEGIN IMMEDIATE so that writers queue instead of deadlocking).</summary>
    protected abstract string BeginWriteStatement { get; }

    /// <summary>Run first in each migration transaction to keep concurrent migrators apart (null: none needed).</summary>
    protected virtual string? MigrationLockStatement => null;

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Waits for this process's turn to write (an engine with one writer at a time queues its writers here).</summary>
    protected virtual ValueTask<IDisposable?> EnterWriterAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>
    /// Lets the next commit on <paramref name="connection"/> return before it is flushed to disk; the returned object
    /// restores flushed commits. Null (the default): every commit on this engine is flushed.
    /// </summary>
    protected virtual ValueTask<IAsyncDisposable?> DeferSyncAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IAsyncDisposable?>(null);

    /// <summary>
    /// A connection holding this process's writer turn until it is disposed: another writer of this database (the
    /// audit chain) takes its turn among the gateway's own write transactions instead of contending with them.
    /// </summary>
    public async ValueTask<DbConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var turn = await EnterWriterAsync(cancellationToken);
        try
        {
            var connection = await OpenAsync(cancellationToken);
            if (turn is not null)
            {
                connection.Disposed += (_, _) => turn.Dispose();
            }
            return connection;
        }
        catch
        {
            turn?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction, committed before this returns. With
    /// <see cref="CommitSync.Flushed"/> the commit is on disk when this returns; with <see cref="CommitSync.Deferred"/>
    /// it is visible to readers and survives a crash of this process, and reaches the disk with the next flushed commit
    /// (see <see cref="CommitSync"/>).
    /// </summary>
    public async Task<T> InWriteTransactionAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken,
        CommitSync sync = CommitSync.Flushed)
    {
        using var writer = await EnterWriterAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var deferred = sync == CommitSync.Deferred ? await DeferSyncAsync(connection, cancellationToken) : null;
        await RunAsync(connection, BeginWriteStatement, cancellationToken);
        try
        {
            var result = await work(connection);
            await RunAsync(connection, "COMMIT", cancellationToken);
            return result;
        }
        catch
        {
            await RunAsync(connection, "ROLLBACK", CancellationToken.None);
            throw;
        }
    }

    /// <summary>Applies the schema versions this database has not seen yet, each in its own transaction.</summary>
    protected async Task MigrateAsync(string engineKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await RunAsync(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", cancellationToken);
        var migrations = GatewaySchema.For(engineKey);
        for (var next = 0; next < migrations.Count; next++)
        {
            await RunAsync(connection, BeginWriteStatement, cancellationToken);
            try
            {
                if (MigrationLockStatement is { } lockStatement)
                {
                    await RunAsync(connection, lockStatement, cancellationToken);
                }
                await using var read = Command(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
                if (Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) <= next)
                {
                    await RunAsync(connection, migrations[next], cancellationToken);
                    await ExecuteAsync(connection, "INSERT INTO schema_version (version) VALUES (@version)", cancellationToken, ("@version", next + 1));
                }
                await RunAsync(connection, "COMMIT", cancellationToken);
            }
            catch
            {
                await RunAsync(connection, "ROLLBACK", CancellationToken.None);
                throw;
            }
        }
    }

    protected static async Task RunAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A command with named parameters (null values sent as NULL; the engine infers their type from the SQL).</summary>
    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public static async Task<int> ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Whether a write transaction's commit waits for the disk.</summary>
public enum CommitSync
{
    /// <summary>The commit is on disk when it returns (SQLite <c>synchronous=FULL</c>, PostgreSQL's default).</summary>
    Flushed,

    /// <summary>
    /// SQLite: the commit returns once written to the WAL, without its fsync (<c>synchronous=NORMAL</c>): visible to
    /// readers and kept across a crash of the process; a power loss may drop it until a later flushed commit (any
    /// connection's) has synced the WAL. Engines that cannot defer safely flush anyway (PostgreSQL).
    /// </summary>
    Deferred,
}
