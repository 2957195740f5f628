using System.Text;
using Airadcr.ReportApi.Lifecycle;
using Airadcr.ReportApi.Security;
using Airadcr.ReportApi.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Airadcr.ReportApi.Tests.Embedded;

/// <summary>No identifier or report text in plaintext anywhere under the data dir: database, WAL, backups, logs.</summary>
public sealed class EncryptionAtRestTests : IAsyncDisposable
{
    private static readonly string[] Secrets =
    [
        "PATIENT_Z9Q8X7", "ACCESSION_K4J3H2", "1.2.826.0.1.3680043.99.7777", "1.2.826.0.1.3680043.99.8888",
        "Opacité suspecte lobe supérieur", "confidence_marker_31337", "TECHNICAL_SECRET_TID",
    ];

    private readonly ReportApiFactory api = new(new Dictionary<string, string?>());

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_identifier_or_report_text_appears_in_any_file_of_the_data_directory()
    {
        var client = api.CreateClient().WithApiKey();
        var report = SampleReports.SpecExample(Secrets[6]);
        report["patient_id"] = Secrets[0];
        report["accession_number"] = Secrets[1];
        report["exam_uid"] = Secrets[2];
        report["study_instance_uid"] = Secrets[3];
        report["structured"]!["results"] = Secrets[4];
        report["metadata"]!["site_id"] = Secrets[5];
        await client.PostReportAsync(report);
        await client.GetAsync($"/pending-report?tid={Secrets[6]}", Token);
        await client.GetAsync($"/find-report?patient_id={Secrets[0]}&accession_number={Secrets[1]}", Token);
        await client.PostAsync($"/open-report?accession_number={Secrets[1]}", null, Token);
        await client.PostAsync("/open-report?tid=UNKNOWN_TID", null, Token);
        await api.Service<DatabaseBackup>().RunOnceAsync(Token);

        // SQLite deletes the WAL when its last connection closes (the pool may close idle ones at any time):
        // one more connection held open keeps the WAL, with whatever it holds, on disk for the check.
        await using (var holder = new SqliteConnection($"Data Source={Path.Combine(api.DataDirectory, "pending_reports.db")};Pooling=False"))
        {
            await holder.OpenAsync(Token);
            await using (var touch = holder.CreateCommand())
            {
                touch.CommandText = "SELECT COUNT(*) FROM sqlite_master";
                await touch.ExecuteScalarAsync(Token);
            }
            AssertNoPlaintext(expectWal: true);
        }
        await api.DisposeAsync();
        AssertNoPlaintext(expectWal: false);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_generated_key_file_is_readable_by_its_owner_only()
    {
        await api.CreateClient().GetAsync("/health", Token);

        var mode = File.GetUnixFileMode(Path.Combine(api.DataDirectory, DataKeySource.KeyFileName));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(api.DataDirectory));
    }

    [Fact]
    public async Task A_key_from_AIRADCR_DATA_KEY_is_used_and_no_key_file_is_written()
    {
        var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        await using var withKey = new ReportApiFactory(new Dictionary<string, string?>(), new Dictionary<string, string?> { ["AIRADCR_DATA_KEY"] = key });

        await withKey.CreateClient().WithApiKey().PostReportAsync(SampleReports.Minimal("WITH_ENV_KEY"));

        Assert.False(File.Exists(Path.Combine(withKey.DataDirectory, DataKeySource.KeyFileName)));
        var expected = new ReportSealer(new DataKeyRing(Convert.FromBase64String(key))).TechnicalIdIndex("WITH_ENV_KEY");
        Assert.Equal(expected, withKey.Service<ReportSealer>().TechnicalIdIndex("WITH_ENV_KEY"));
    }

    [Fact]
    public async Task The_database_runs_in_wal_mode_and_backups_are_consistent_copies_kept_for_the_retention()
    {
        await api.CreateClient().WithApiKey().PostReportAsync(SampleReports.Minimal("BACKED_UP"));
        var backup = api.Service<DatabaseBackup>();
        var stale = Path.Combine(backup.BackupDirectory, "pending_reports-20260101-000000.db");
        Directory.CreateDirectory(backup.BackupDirectory);
        await File.WriteAllTextAsync(stale, "old", Token);

        await backup.RunOnceAsync(Token);

        Assert.False(File.Exists(stale));
        var copy = Assert.Single(Directory.GetFiles(backup.BackupDirectory));
        Assert.Equal("pending_reports-20260223-103000.db", Path.GetFileName(copy));
        Assert.Equal(1L, await ScalarAsync(copy, "SELECT COUNT(*) FROM pending_reports"));
        Assert.Equal("wal", await ScalarAsync(Path.Combine(api.DataDirectory, "pending_reports.db"), "PRAGMA journal_mode"));
    }

    private static async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Token);
    }

    private void AssertNoPlaintext(bool expectWal)
    {
        var files = Directory.GetFiles(api.DataDirectory, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith(".db", StringComparison.Ordinal) && f.Contains("backups", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".log", StringComparison.Ordinal));
        if (expectWal)
        {
            Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal));
        }

        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in Secrets)
            {
                foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode, Encoding.Latin1 })
                {
                    Assert.True(bytes.AsSpan().IndexOf(encoding.GetBytes(secret)) < 0, $"'{secret}' in plaintext in {file}");
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await api.DisposeAsync();
        await api.DeleteDataDirectoryAsync();
    }
}
