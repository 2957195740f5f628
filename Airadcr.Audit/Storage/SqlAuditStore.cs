using System.Data.Common;
using System.Runtime.CompilerServices;
using Airadcr.Audit.Checkpoints;

namespace Airadcr.Audit.Storage;

/// <summary>
/// The store in SQL common to SQLite and PostgreSQL (named parameters, <c>ON CONFLICT</c>); an engine adds how to
/// open a connection and how a writer takes the chain for itself. The tables are created on first use.
/// </summary>
public abstract class SqlAuditStore : IAuditStore
{
    private const string EntryColumns = "seq, time_ms, service, actor, action, subject, detail, previous_hash, hash";
    private const string CheckpointColumns = "seq, hash, time_ms, service, key_id, signature";

    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public abstract string Engine { get; }

    /// <summary>Starts the write transaction in which the head is read and the entries appended; on return this
    /// connection is the only writer of the chain until COMMIT or ROLLBACK.</summary>
    protected abstract Task BeginChainWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A connection to append on (by default any connection; a service with its own single writer lends it).</summary>
    protected virtual async Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken);

    /// <summary>Waits for this process's turn to write (engines with one writer at a time queue here, not in a busy loop).</summary>
    protected virtual ValueTask<IDisposable?> EnterWriterAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    public async Task<IReadOnlyList<AuditEntry>> AppendAsync(string service, IReadOnlyList<AuditEvent> events, DateTimeOffset time,
        CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }
        await EnsureSchemaAsync(cancellationToken);
        using var turn = await EnterWriterAsync(cancellationToken);
        await using var connection = await OpenWriterAsync(cancellationToken);
        await BeginChainWriteAsync(connection, cancellationToken);
        try
        {
            var head = await HeadAsync(connection, cancellationToken);
            var (seq, previous) = head is null ? (0L, AuditHash.Genesis) : (head.Seq, head.Hash);
            var timeMs = time.ToUnixTimeMilliseconds();
            var stored = DateTimeOffset.FromUnixTimeMilliseconds(timeMs);
            var entries = new List<AuditEntry>(events.Count);
            foreach (var e in events)
            {
                seq++;
                var hash = AuditHash.Compute(seq, timeMs, service, e.Actor, e.Action, e.Subject, e.Detail, previous);
                var entry = new AuditEntry(seq, stored, service, e.Actor, e.Action, e.Subject, e.Detail, previous, hash);
                await InsertAsync(connection, entry, cancellationToken);
                entries.Add(entry);
                previous = hash;
            }
            await ExecuteAsync(connection, "COMMIT", cancellationToken);
            return entries;
        }
        catch
        {
            await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
            throw;
        }
    }

    public async Task<AuditEntry?> HeadAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        return await HeadAsync(connection, cancellationToken);
    }

    public async IAsyncEnumerable<AuditEntry> ReadAsync(long fromSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT {EntryColumns} FROM audit_chain WHERE seq >= @from ORDER BY seq", ("@from", fromSeq));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadEntry(reader);
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> LatestAsync(string? action, int count, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = string.IsNullOrEmpty(action)
            ? Command(connection, $"SELECT {EntryColumns} FROM audit_chain ORDER BY seq DESC LIMIT @count", ("@count", count))
            : Command(connection, $"SELECT {EntryColumns} FROM audit_chain WHERE action = @action ORDER BY seq DESC LIMIT @count",
                ("@action", action), ("@count", count));
        return await ReadEntriesAsync(command, cancellationToken);
    }

    public async Task AddCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection,
            $"INSERT INTO audit_checkpoint ({CheckpointColumns}) VALUES (@seq, @hash, @time, @service, @key, @signature) ON CONFLICT (seq) DO NOTHING",
            ("@seq", checkpoint.Seq), ("@hash", checkpoint.Hash), ("@time", checkpoint.Time.ToUnixTimeMilliseconds()),
            ("@service", checkpoint.Service), ("@key", checkpoint.KeyId), ("@signature", checkpoint.Signature));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> CheckpointsAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT {CheckpointColumns} FROM audit_checkpoint ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var checkpoints = new List<AuditCheckpoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            checkpoints.Add(new AuditCheckpoint(reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }
        return checkpoints;
    }

    /// <summary>Creates the tables once per store (the first call of any method waits for it).</summary>
    protected async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }
            using var turn = await EnterWriterAsync(cancellationToken);
            await using var connection = await OpenWriterAsync(cancellationToken);
            await BeginChainWriteAsync(connection, cancellationToken);
            try
            {
                await ExecuteAsync(connection, """
                    CREATE TABLE IF NOT EXISTS audit_chain (
                        seq BIGINT PRIMARY KEY,
                        time_ms BIGINT NOT NULL,
                        service TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        subject TEXT NULL,
                        detail TEXT NULL,
                        previous_hash TEXT NOT NULL,
                        hash TEXT NOT NULL)
                    """, cancellationToken);
                await ExecuteAsync(connection, "CREATE INDEX IF NOT EXISTS audit_chain_action ON audit_chain (action, seq)", cancellationToken);
                await ExecuteAsync(connection, """
                    CREATE TABLE IF NOT EXISTS audit_checkpoint (
                        seq BIGINT PRIMARY KEY,
                        hash TEXT NOT NULL,
                        time_ms BIGINT NOT NULL,
                        service TEXT NOT NULL,
                        key_id TEXT NOT NULL,
                        signature TEXT NOT NULL)
                    """, cancellationToken);
                await ExecuteAsync(connection, "COMMIT", cancellationToken);
            }
            catch
            {
                await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
                throw;
            }
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private static async Task<AuditEntry?> HeadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, $"SELECT {EntryColumns} FROM audit_chain ORDER BY seq DESC LIMIT 1");
        var entries = await ReadEntriesAsync(command, cancellationToken);
        return entries.Count == 0 ? null : entries[0];
    }

    private static async Task InsertAsync(DbConnection connection, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var command = Command(connection,
            $"INSERT INTO audit_chain ({EntryColumns}) VALUES (@seq, @time, @service, @actor, @action, @subject, @detail, @previous, @hash)",
            ("@seq", entry.Seq), ("@time", entry.Time.ToUnixTimeMilliseconds()), ("@service", entry.Service), ("@actor", entry.Actor),
            ("@action", entry.Action), ("@subject", entry.Subject), ("@detail", entry.Detail), ("@previous", entry.PreviousHash),
            ("@hash", entry.Hash));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<AuditEntry>> ReadEntriesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(ReadEntry(reader));
        }
        return entries;
    }

    private static AuditEntry ReadEntry(DbDataReader reader) => new(
        reader.GetInt64(0),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetString(7),
        reader.GetString(8));

    protected static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A command with named parameters (null sent as NULL).</summary>
    protected static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
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
}
