using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Airadcr.ReportApi.Storage;

/// <summary>
/// The embedded (desktop) database: one SQLite file in WAL mode in the data directory. Writers are serialized in
/// process (SQLite has one writer at a time; contending connections would otherwise back off on SQLITE_BUSY),
/// readers run concurrently. Commits never checkpoint: <see cref="WalCheckpointer"/> moves the WAL into the
/// database in the background, so no request pays for that copy and its fsyncs.
/// </summary>
public sealed class SqliteReportDatabase : ReportDatabase, IDisposable
{
    public const string FileName = "pending_reports.db";
    private static readonly object Configured = new();
    private readonly string connectionString;
    private readonly SemaphoreSlim writer = new(1, 1);
    private readonly ConditionalWeakTable<object, object> configuredHandles = [];
    private int walEnabled;
    private long completedWrites;
    private long frameBytes; // a WAL frame: a page and its 24-byte header (checkpoint thread only)

    public SqliteReportDatabase(string databasePath)
    {
        DatabasePath = databasePath;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>Writer connections closed so far (each one a finished write or a failed one).</summary>
    public long CompletedWrites => Interlocked.Read(ref completedWrites);

    /// <summary>The size of the write-ahead log file (0 when there is none).</summary>
    public long WalBytes => new FileInfo(DatabasePath + "-wal") is { Exists: true } wal ? wal.Length : 0;

    public override string Engine => "sqlite";

    public override string BinaryType => "BLOB";

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // A pooled connection reopens the same native handle: its settings are made once, on first use.
        if (!configuredHandles.TryGetValue(connection.Handle!, out _))
        {
            var pragmas = Interlocked.Exchange(ref walEnabled, 1) == 0
                ? "PRAGMA journal_mode=WAL; " + ConnectionPragmas
                : ConnectionPragmas;
            await using var pragma = connection.CreateCommand(pragmas);
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            configuredHandles.AddOrUpdate(connection.Handle!, Configured);
        }

        return connection;
    }

    /// <summary>
    /// Per-connection settings: commits durable against a process crash (WAL, synchronous=NORMAL), deleted rows
    /// zeroed, no automatic checkpoint inside a commit, and a WAL file cut back to 32 MiB whenever SQLite starts it
    /// again (after a checkpoint in a lull, or one that let commits restart it under load: <see cref="Checkpoint"/>).
    /// </summary>
    private const string ConnectionPragmas =
        "PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=33554432;";

    /// <summary>
    /// Copies the WAL into the database file without blocking readers or the writer. Synchronous (SQLite's I/O is):
    /// run it on a thread of its own, not on the thread pool.
    /// <para>
    /// Under a sustained write load that copy never catches up with the writer (commits land while it runs), so SQLite
    /// never starts the WAL again and it grows without bound: 1.6 GB after a minute of closed-loop POSTs, and the
    /// first commit after the load, which cuts the file back to 32 MiB, took 240 ms. So once the WAL holds at least
    /// <paramref name="restartAtBytes"/> of frames, the frames committed during the copy are copied again with the
    /// in-process writer lock held: the next commit then starts the WAL from its beginning, over the same file.
    /// Commits wait for that second copy, mostly for its fsync of the database file: 14-25 ms on these machines under
    /// 500 POST/s, about every 2 s with <see cref="Lifecycle.WalCheckpointer.RestartWalBytes"/> (bench/RESULTS.md).
    /// </para>
    /// </summary>
    /// <returns>Bytes of frames the WAL held when the copy began.</returns>
    public long Checkpoint(long restartAtBytes)
    {
        using var connection = OpenConnectionAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult(); // completes synchronously
        var walBytes = CheckpointPassive(connection);
        if (walBytes >= restartAtBytes)
        {
            // On a pool thread at normal priority: the caller may run at the lowest, and commits wait for this copy.
            Task.Run(() =>
            {
                writer.Wait();
                try
                {
                    CheckpointPassive(connection);
                }
                finally
                {
                    writer.Release();
                }
            }).GetAwaiter().GetResult();
        }
        return walBytes;
    }

    /// <summary>A passive checkpoint; the bytes of frames in the WAL (its 2nd column counts them, each a page and a 24-byte header).</summary>
    private long CheckpointPassive(DbConnection connection)
    {
        if (frameBytes == 0)
        {
            using var pageSize = connection.CreateCommand("PRAGMA page_size"); // fixed once the database exists
            frameBytes = (long)pageSize.ExecuteScalar()! + 24;
        }
        using var command = connection.CreateCommand("PRAGMA wal_checkpoint(PASSIVE)");
        using var result = command.ExecuteReader();
        var frames = result.Read() ? result.GetInt64(1) : 0;
        return Math.Max(0, frames) * frameBytes;
    }

    /// <summary>Copies the whole WAL into the database and empties it (at shutdown).</summary>
    public Task TruncateWalAsync(CancellationToken cancellationToken) => RunPragmaAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);

    private async Task RunPragmaAsync(string pragma, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(pragma);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async ValueTask<DbConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        await writer.WaitAsync(cancellationToken);
        try
        {
            var connection = await OpenConnectionAsync(cancellationToken);
            connection.Disposed += (_, _) =>
            {
                Interlocked.Increment(ref completedWrites);
                writer.Release();
            };
            return connection;
        }
        catch
        {
            writer.Release();
            throw;
        }
    }

    /// <summary>A consistent online copy of the live database (VACUUM INTO), safe while writers run.</summary>
    public async Task BackupToAsync(string destinationPath, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand("VACUUM INTO @destination").With("@destination", destinationPath);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => writer.Dispose();
}
