using System.Data.Common;
using System.Runtime.CompilerServices;
using Airadcr.ReportApi.Security;
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
    private readonly TimeProvider timeProvider;
    private readonly SemaphoreSlim writer = new(1, 1);
    private readonly ConditionalWeakTable<object, object> configuredHandles = [];
    private int walEnabled;
    private long completedWrites;
    private long frameBytes; // a WAL frame: a page and its 24-byte header (read by the first checkpoint)
    private PendingRestart? pendingRestart;

    public SqliteReportDatabase(string databasePath, TimeProvider timeProvider)
    {
        DatabasePath = databasePath;
        OwnerOnlyFile.Ensure(databasePath);
        this.timeProvider = timeProvider;
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
    /// </summary>
    /// <returns>Bytes of frames the WAL held when the copy began.</returns>
    public long CopyWal()
    {
        using var connection = OpenConnection();
        return CheckpointPassive(connection).Frames * frameBytes;
    }

    /// <summary>
    /// Lets the next commit start the WAL again from its beginning, over the same file. Under a sustained write load
    /// <see cref="CopyWal"/> never catches up with the writer (commits land while it runs), so SQLite never starts the
    /// WAL again and it grows without bound: 1.6 GB after a minute of closed-loop POSTs, and the first commit after
    /// the load, which cut the file back to 32 MiB, took 240 ms. SQLite starts it again at the first commit whose
    /// transaction began after a copy that no commit overtook. So the copy is run again, each time over what was
    /// committed during the one before (a shorter copy each time), until a commit started the WAL again; past
    /// <see cref="MaxPassesWithoutLock"/> copies (commits too frequent for a gap), what is left is copied with the
    /// in-process writer lock held, and commits wait for that short copy and its fsyncs (bench/RESULTS.md). Call it
    /// at normal priority, on a thread of its own (it blocks while it copies and while it waits for a commit).
    /// </summary>
    public WalRestart RestartWal()
    {
        using var connection = OpenConnection();
        var last = CheckpointPassive(connection);
        var passes = 1;
        while (passes < MaxPassesWithoutLock)
        {
            var next = CheckpointPassive(connection);
            passes++;
            if (next.Frames < last.Frames)
            {
                return new WalRestart(passes, CommitsWaited: false, 0, TimeSpan.Zero); // a commit started it again
            }
            if (next.Frames == last.Frames && next.Copied == next.Frames)
            {
                // All copied and nothing committed since: the next commit starts it again, unless a reader still holds
                // a snapshot of the WAL or its transaction began before this copy ended. Wait for that commit.
                Thread.Sleep(1);
                continue;
            }
            last = next;
        }
        if (last.Copied == last.Frames && CheckpointPassive(connection) == last)
        {
            return new WalRestart(passes, CommitsWaited: false, 0, TimeSpan.Zero); // no commit came: the next one will
        }

        // The last copy runs in the writer's turn: the next writer takes it on (the semaphore's synchronous waiter
        // would be overtaken by every writer arriving while it wakes up); this thread queues behind the writers
        // already waiting, and does it itself when no writer came.
        var restart = new PendingRestart(last, passes);
        Volatile.Write(ref pendingRestart, restart);
        writer.WaitAsync().GetAwaiter().GetResult();
        try
        {
            RunPendingRestart(connection);
        }
        finally
        {
            writer.Release();
        }
        return restart.Done!.Value;
    }

    /// <summary>With the writer lock held: the last copy <see cref="RestartWal"/> asked for, if it is still to do.</summary>
    private void RunPendingRestart(DbConnection connection)
    {
        if (Interlocked.Exchange(ref pendingRestart, null) is not { } restart)
        {
            return;
        }
        var started = timeProvider.GetTimestamp();
        var locked = CheckpointPassive(connection);
        restart.Done = new WalRestart(restart.Passes, CommitsWaited: true, CopiedSince(restart.Last, locked) * frameBytes,
            timeProvider.GetElapsedTime(started));
    }

    /// <summary>The last copy <see cref="RestartWal"/> left to the next writer, and what it did once done.</summary>
    private sealed record PendingRestart((long Frames, long Copied) Last, int Passes)
    {
        public WalRestart? Done { get; set; }
    }

    /// <summary>Frames a pass copied (SQLite reports the WAL's frames and copied frames as of the pass's start).</summary>
    private static long CopiedSince((long Frames, long Copied) before, (long Frames, long Copied) after) =>
        after.Copied >= before.Copied ? after.Copied - before.Copied : after.Copied; // less: the WAL was started again

    private SqliteConnection OpenConnection() =>
        (SqliteConnection)OpenConnectionAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult(); // completes synchronously

    /// <summary>
    /// Copies <see cref="RestartWal"/> runs (or waits of a millisecond for a commit after one) before it holds commits
    /// back for the last copy: a few milliseconds each once they have caught up (two fsyncs); at 500 POST/s the WAL
    /// started again after 5-12 of them in the bench.
    /// </summary>
    public const int MaxPassesWithoutLock = 24;


    /// <summary>
    /// A passive checkpoint: the WAL's frames when it began, and how many of them are in the database file now (the
    /// 2nd and 3rd columns; each frame is a page and a 24-byte header). Frames committed during it are not counted.
    /// </summary>
    private (long Frames, long Copied) CheckpointPassive(DbConnection connection)
    {
        if (frameBytes == 0)
        {
            using var pageSize = connection.CreateCommand("PRAGMA page_size"); // fixed once the database exists
            frameBytes = (long)pageSize.ExecuteScalar()! + 24;
        }
        using var command = connection.CreateCommand("PRAGMA wal_checkpoint(PASSIVE)");
        using var result = command.ExecuteReader();
        return result.Read() ? (Math.Max(0, result.GetInt64(1)), Math.Max(0, result.GetInt64(2))) : (0, 0);
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
            if (Volatile.Read(ref pendingRestart) is not null)
            {
                RunPendingRestart(connection);
            }
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
    /// <summary>A consistent copy into a new owner-only file (VACUUM INTO fills the empty file created here).</summary>
    public async Task BackupToAsync(string destinationPath, CancellationToken cancellationToken)
    {
        OwnerOnlyFile.Ensure(destinationPath);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand("VACUUM INTO @destination").With("@destination", destinationPath);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            File.Delete(destinationPath); // no empty file left to pass for a backup
            throw;
        }
    }

    public void Dispose() => writer.Dispose();
}
