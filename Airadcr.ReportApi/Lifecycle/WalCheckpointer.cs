using System.Data.Common;
using Airadcr.ReportApi.Logging;
using Airadcr.ReportApi.Storage;

namespace Airadcr.ReportApi.Lifecycle;

/// <summary>
/// Checkpoints the SQLite WAL off the request path (commits run with wal_autocheckpoint=0), and empties it at
/// shutdown so that a stopped service leaves one self-contained database file. Looked at every second, a checkpoint
/// runs once writes have paused for a whole second, or when the WAL has grown past <see cref="MaxWalBytes"/> under
/// a sustained write load (then it also lets commits start the WAL again: <see cref="RestartWalBytes"/>): copying
/// pages and syncing the database file competes with the requests for the disk and the CPU, so it is done in a lull
/// rather than on a clock. Nothing written since the last one: nothing to do.
/// </summary>
public sealed class WalCheckpointer(SqliteReportDatabase database, TimeProvider timeProvider, ILogger<WalCheckpointer> logger)
    : PeriodicWork(timeProvider, logger)
{
    protected override string Name => "WAL checkpoint";

    protected override TimeSpan Period => TimeSpan.FromSeconds(1);

    /// <summary>The WAL size that forces a checkpoint during a sustained write load (about 10 s of 500 POST/s).</summary>
    public const long MaxWalBytes = 32L * 1024 * 1024;

    /// <summary>
    /// Frames in the WAL from which a checkpoint also makes the next commit start the WAL again from its beginning
    /// (about a second of 500 POST/s): without it a sustained write load grows the WAL file without bound.
    /// </summary>
    public const long RestartWalBytes = 16L * 1024 * 1024;

    private long writesAtCheckpoint;
    private long writesAtLastTick;

    protected override bool IsDue()
    {
        var writes = database.CompletedWrites;
        var quiet = writes == writesAtLastTick;
        writesAtLastTick = writes;
        if (writes == writesAtCheckpoint || !(quiet || database.WalBytes >= MaxWalBytes))
        {
            return false;
        }

        writesAtCheckpoint = writes;
        return true;
    }

    /// <summary>Nothing to copy yet at start (the previous run emptied the WAL when it stopped).</summary>
    protected override bool RunsAtStart => false;

    /// <summary>
    /// The copy and its fsyncs (tens of milliseconds for a second of POSTs) run on a thread of their own at the lowest
    /// CPU priority: on the thread pool they would hold a worker for as long (Microsoft.Data.Sqlite is synchronous
    /// under its async API), and at normal priority they take a core from the commits on a 2-core machine. Letting
    /// commits start the WAL again (copies, and millisecond waits for a commit between them) runs on a thread of its
    /// own at normal priority: commits may wait for its last copy, and at the lowest priority that copy held them for
    /// 35-55 ms.
    /// </summary>
    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var started = Clock.GetTimestamp();
        var walBytes = 0L;
        await DedicatedThread.RunAsync("WAL checkpoint", lowestPriority: true, () => walBytes = database.CopyWal());
        Logger.WalCheckpointed(walBytes, Clock.GetElapsedTime(started).TotalMilliseconds);
        if (walBytes >= RestartWalBytes)
        {
            var restart = default(WalRestart);
            await DedicatedThread.RunAsync("WAL restart", lowestPriority: false, () => restart = database.RestartWal());
            Logger.WalRestarted(restart.Passes, restart.CommitsWaited, restart.CopiedUnderLockBytes, restart.WriterLockHeld.TotalMilliseconds);
        }
    }

    /// <summary>
    /// Empties the WAL once the periodic runs are over. It is not cut short by the host's shutdown deadline (a short
    /// copy of at most one second of writes), and a failure is logged: stopping never fails because of it.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await database.TruncateWalAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or IOException)
        {
            ReportFailure(e);
        }
    }
}
