using System.Runtime.Versioning;
using Airadcr.ReportApi.Lifecycle;
using Airadcr.ReportApi.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Airadcr.ReportApi.Tests.Hardening;

/// <summary>Issue 20, item 9: the database, its WAL and shared memory, and the backups are readable by their owner only.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class FileModeTests : IAsyncDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly ReportApiFactory api = new(new Dictionary<string, string?>());

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Database_wal_shm_and_backups_are_mode_0600()
    {
        await api.CreateClient().WithApiKey().PostReportAsync(SampleReports.Minimal("MODE_0600"));
        await api.Service<DatabaseBackup>().RunOnceAsync(Token);

        var database = Path.Combine(api.DataDirectory, "pending_reports.db");
        // SQLite deletes the WAL and shared memory when the last connection closes (another test clearing the pools
        // may close the server's): a connection of our own that reads keeps them (or makes them again) for the check.
        await using var holder = new SqliteConnection($"Data Source={database};Pooling=False");
        await holder.OpenAsync(Token);
        await using (var read = holder.CreateCommand())
        {
            read.CommandText = "SELECT COUNT(*) FROM sqlite_master";
            await read.ExecuteScalarAsync(Token);
        }

        var files = new[] { database, database + "-wal", database + "-shm" }
            .Concat(Directory.GetFiles(Path.Combine(api.DataDirectory, "backups")))
            .ToList();

        Assert.Equal(4, files.Count(File.Exists));
        Assert.All(files, file => Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file)));
    }

    public async ValueTask DisposeAsync()
    {
        await api.DisposeAsync();
        await api.DeleteDataDirectoryAsync();
    }
}
