using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Airadcr.ReportApi.Security;

namespace Airadcr.ReportApi.Logging;

/// <summary>
/// Daily log files in &lt;data dir&gt;/logs (airadcr-yyyyMMdd.log), older than log_retention_days deleted at each day
/// change. Lines are written by one background writer so request threads never block on disk.
/// </summary>
public sealed class DataDirectoryFileLoggerProvider : ILoggerProvider
{
    private const string FilePrefix = "airadcr-";
    private readonly Channel<string> lines = Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly ConcurrentDictionary<string, FileLogger> loggers = new();
    private readonly string directory;
    private readonly int retentionDays;
    private readonly TimeProvider timeProvider;
    private readonly Task writer;

    public DataDirectoryFileLoggerProvider(string directory, int retentionDays, TimeProvider timeProvider)
    {
        this.directory = directory;
        this.retentionDays = retentionDays;
        this.timeProvider = timeProvider;
        OwnerOnlyDirectory.Create(directory);
        writer = Task.Run(WriteAsync);
    }

    public ILogger CreateLogger(string categoryName) => loggers.GetOrAdd(categoryName, name => new FileLogger(name, this));

    public void Dispose()
    {
        lines.Writer.TryComplete();
        writer.Wait(TimeSpan.FromSeconds(5));
    }

    private void Enqueue(string line) => lines.Writer.TryWrite(line);

    private async Task WriteAsync()
    {
        string? currentDay = null;
        StreamWriter? file = null;
        try
        {
            while (await lines.Reader.WaitToReadAsync())
            {
                var day = timeProvider.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
                if (day != currentDay)
                {
                    if (file is not null)
                    {
                        await file.DisposeAsync();
                    }

                    file = new StreamWriter(new FileStream(Path.Combine(directory, FilePrefix + day + ".log"), FileMode.Append, FileAccess.Write, FileShare.Read));
                    currentDay = day;
                    DeleteExpiredFiles();
                }

                while (lines.Reader.TryRead(out var line))
                {
                    await file!.WriteLineAsync(line);
                }

                await file!.FlushAsync();
            }
        }
        finally
        {
            if (file is not null)
            {
                await file.DisposeAsync();
            }
        }
    }

    private void DeleteExpiredFiles()
    {
        var oldest = timeProvider.GetUtcNow().AddDays(-retentionDays);
        foreach (var path in Directory.EnumerateFiles(directory, FilePrefix + "*.log"))
        {
            var stamp = Path.GetFileNameWithoutExtension(path)[FilePrefix.Length..];
            if (DateTimeOffset.TryParseExact(stamp, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day)
                && day < oldest)
            {
                File.Delete(path);
            }
        }
    }

    private sealed class FileLogger(string category, DataDirectoryFileLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // ASP.NET Core's request logs carry query strings (identifiers): only its warnings and errors go to disk.
        public bool IsEnabled(LogLevel logLevel) =>
            logLevel != LogLevel.None &&
            (logLevel >= LogLevel.Warning || !category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var time = provider.timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
            var line = $"{time} {logLevel} {category}[{eventId.Id}] {formatter(state, exception)}";
            // Only the exception type goes to disk: messages of third-party exceptions may quote data.
            provider.Enqueue(exception is null ? line : line + " (" + exception.GetType().FullName + ")");
        }
    }
}
