using Airadcr.ReportApi.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Airadcr.ReportApi.Tests.Embedded;

/// <summary>Daily log files in the data dir, kept log_retention_days, without ASP.NET Core's request lines.</summary>
public sealed class LogFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("airadcr-logs-").FullName;

    [Fact]
    public void Writes_a_daily_file_and_deletes_files_older_than_the_retention()
    {
        var old = Path.Combine(directory, "airadcr-20260101.log");
        var recent = Path.Combine(directory, "airadcr-20260220.log");
        File.WriteAllText(old, "old");
        File.WriteAllText(recent, "recent");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 23, 10, 30, 0, TimeSpan.Zero));

        using (var provider = new DataDirectoryFileLoggerProvider(directory, retentionDays: 30, clock))
        {
            provider.CreateLogger("Airadcr.ReportApi.Test").LogInformation("stored one report");
            provider.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").LogInformation("GET /find-report?patient_id=SECRET");
        }

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        var today = File.ReadAllText(Path.Combine(directory, "airadcr-20260223.log"));
        Assert.Contains("stored one report", today, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", today, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
