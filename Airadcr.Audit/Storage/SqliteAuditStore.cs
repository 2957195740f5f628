using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Airadcr.Audit.Storage;

/// <summary>
/// Embedded mode: the chain in the service's SQLite file. A writer takes the file with <c>BEGIN IMMEDIATE</c> before it
/// reads the head (SQLite's one writer at a time, across processes too), after queueing in process so that this
/// service's appends do not spin in SQLite's busy handler; commits are flushed (<c>synchronous = FULL</c>). A service
/// that already serializes its writers in process (the gateway's index, the ReportApi's store, with their WAL
/// housekeeping) lends its writer connection instead (<paramref name="openWriter"/>: held until disposed), so that the
/// chain's appends take their turn among its own writes.
/// </summary>
public sealed class SqliteAuditStore : SqlAuditStore
{
    private readonly string _connectionString;
    private readonly Func<CancellationToken, ValueTask<DbConnection>>? _openWriter;
    private readonly SemaphoreSlim _writer = new(1, 1);

    public SqliteAuditStore(string connectionString, Func<CancellationToken, ValueTask<DbConnection>>? openWriter = null)
    {
        _openWriter = openWriter;
        var settings = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        if (settings.DefaultTimeout < 30)
        {
            settings.DefaultTimeout = 30;
        }
        _connectionString = settings.ToString();
    }

    public override string Engine => "sqlite";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL;", cancellationToken);
        return connection;
    }

    protected override Task BeginChainWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, "BEGIN IMMEDIATE", cancellationToken);

    protected override async Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        if (_openWriter is null)
        {
            return await OpenAsync(cancellationToken);
        }
        var connection = await _openWriter(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA busy_timeout = 30000", cancellationToken);
        return connection;
    }

    protected override async ValueTask<IDisposable?> EnterWriterAsync(CancellationToken cancellationToken)
    {
        if (_openWriter is not null)
        {
            return null; // the lent writer connection is the turn
        }
        await _writer.WaitAsync(cancellationToken);
        return new Turn(_writer);
    }

    private sealed class Turn(SemaphoreSlim writer) : IDisposable
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
}
