using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Airadcr.DicomGateway.Index;

/// <summary>
/// Embedded mode: one SQLite file in the storage folder, WAL journal, synchronous FULL (a commit is on disk when it
/// returns) except for the transactions that ask for <see cref="CommitSync.Deferred"/> (NORMAL: the instances' group
/// commits, whose rows the start-up recovery restores from their files). Writers queue in process (SQLite has one writer at a time; contending
/// connections would otherwise back off in its busy handler, sleeping milliseconds on the C-STORE path).
/// </summary>
public sealed class SqliteGatewayDatabase : GatewayDatabase
{
    private static readonly object Configured = new();
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ConditionalWeakTable<object, object> _configuredHandles = [];

    private SqliteGatewayDatabase(string path)
    {
        Location = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public override string Engine => GatewaySchema.Sqlite;

    public override string Location { get; }

    protected override string BeginWriteStatement => "BEGIN IMMEDIATE";

    /// <summary>Opens (creating and migrating) the database file.</summary>
    public static async Task<SqliteGatewayDatabase> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var database = new SqliteGatewayDatabase(path);
        await using (var connection = new SqliteConnection(database._connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken);
        }
        await database.MigrateAsync(GatewaySchema.Sqlite, cancellationToken);
        return database;
    }

    protected override async ValueTask<IDisposable?> EnterWriterAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        return new WriterTurn(_writer);
    }

    private sealed class WriterTurn(SemaphoreSlim writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writer.Release();
            }
        }
    }

    protected override async ValueTask<IAsyncDisposable?> DeferSyncAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Per connection, outside a transaction ("Safety level may not be changed inside a transaction").
        await RunAsync(connection, "PRAGMA synchronous = NORMAL", cancellationToken);
        return new FlushedCommitsRestored((SqliteConnection)connection);
    }

    /// <summary>Puts a pooled connection back to flushed commits; when that fails, the pool is emptied so that no
    /// connection keeps deferred commits (a new one is configured FULL on open).</summary>
    private sealed class FlushedCommitsRestored(SqliteConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await RunAsync(connection, "PRAGMA synchronous = FULL", CancellationToken.None);
            }
            catch (SqliteException)
            {
                SqliteConnection.ClearPool(connection);
            }
        }
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // A pooled connection reopens the same native handle: its settings are made once, on its first use.
        if (!_configuredHandles.TryGetValue(connection.Handle!, out _))
        {
            await ExecuteAsync(connection, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;", cancellationToken);
            _configuredHandles.AddOrUpdate(connection.Handle!, Configured);
        }
        return connection;
    }
}
