using System.Globalization;
using Airadcr.ReportApi.Configuration;
using Airadcr.ReportApi.Logging;
using Airadcr.ReportApi.Security;
using Airadcr.ReportApi.Storage;
using Microsoft.Extensions.Options;

namespace Airadcr.ReportApi.Lifecycle;

/// <summary>
/// Daily consistent online copy of the SQLite database into &lt;data dir&gt;/backups (VACUUM INTO; the copy holds
/// only sealed rows), keeping backup_retention_days. PostgreSQL (server mode) is backed up by its operator.
/// </summary>
public sealed class DatabaseBackup(
    SqliteReportDatabase database,
    DesktopEnvironment environment,
    IOptions<DesktopOptions> options,
    TimeProvider timeProvider,
    ILogger<DatabaseBackup> logger) : PeriodicWork(timeProvider, logger)
{
    public const string DirectoryName = "backups";
    private const string FilePrefix = "pending_reports-";
    private const string Stamp = "yyyyMMdd-HHmmss";

    public string BackupDirectory => Path.Combine(environment.DataDirectory, DirectoryName);

    protected override string Name => "database backup";

    protected override TimeSpan Period => TimeSpan.FromDays(1);

    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        OwnerOnlyDirectory.Create(BackupDirectory);
        var now = Clock.GetUtcNow();
        var fileName = FilePrefix + now.ToString(Stamp, CultureInfo.InvariantCulture) + ".db";
        var path = Path.Combine(BackupDirectory, fileName);
        if (!File.Exists(path))
        {
            await database.BackupToAsync(path, cancellationToken);
            logger.BackupWritten(fileName);
        }

        var oldest = now.AddDays(-options.Value.BackupRetentionDays);
        foreach (var file in Directory.EnumerateFiles(BackupDirectory, FilePrefix + "*.db"))
        {
            var name = Path.GetFileNameWithoutExtension(file)[FilePrefix.Length..];
            if (DateTimeOffset.TryParseExact(name, Stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var taken)
                && taken < oldest)
            {
                File.Delete(file);
                logger.BackupDeleted(Path.GetFileName(file));
            }
        }
    }
}
