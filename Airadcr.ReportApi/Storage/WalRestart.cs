namespace Airadcr.ReportApi.Storage;

/// <summary>
/// How <see cref="SqliteReportDatabase.RestartWal"/> let commits start the WAL again: its copies, and whether it had
/// to hold commits back for the last one (what it copied then, and for how long commits waited).
/// </summary>
public readonly record struct WalRestart(int Passes, bool CommitsWaited, long CopiedUnderLockBytes, TimeSpan WriterLockHeld);
