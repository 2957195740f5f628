using System.Data.Common;
using Airadcr.ReportApi.Storage;

namespace Airadcr.ReportApi.Lifecycle;

/// <summary>
/// Checkpoints the SQLite WAL every second off the request path (commits run with wal_autocheckpoint=0), and empties
/// it at shutdown so that a stopped service leaves one self-contained database file.
/// </summary>
public sealed class WalCheckpointer(SqliteReportDatabase database, TimeProvider timeProvider, ILogger<WalCheckpointer> logger)
    : PeriodicWork(timeProvider, logger)
{
    protected override string Name => "WAL checkpoint";

    protected override TimeSpan Period => TimeSpan.FromSeconds(1);

    /// <summary>Nothing to copy yet at start (the previous run emptied the WAL when it stopped).</summary>
    protected override bool RunsAtStart => false;

    public override Task RunOnceAsync(CancellationToken cancellationToken) => database.CheckpointAsync(cancellationToken);

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
