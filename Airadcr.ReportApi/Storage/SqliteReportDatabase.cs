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
    /// again (a sustained write load grows it; the first checkpoint of the following lull lets it restart).
    /// </summary>
    private const string ConnectionPragmas =
        "PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=33554432;";

    /// <summary>
    /// Copies the WAL into the database file without blocking readers or the writer. Synchronous (SQLite's I/O is):
    /// run it on a thread of its own, not on the thread pool.
    /// </summary>
    public void Checkpoint()
    {
        using var connection = OpenConnectionAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult(); // completes synchronously
        using var command = connection.CreateCommand("PRAGMA wal_checkpoint(PASSIVE)");
        command.ExecuteNonQuery();
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
