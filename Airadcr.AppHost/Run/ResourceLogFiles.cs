using Microsoft.Extensions.Hosting;

namespace Airadcr.AppHost.Run;

/// <summary>
/// Every resource's console output, as the Aspire dashboard shows it (Aspire's own "waiting for" lines included), also
/// written to <c>{run}/logs/{resource}.log</c> (owner-only): for grep, for support, and for the tests that check no
/// identifier reaches a log. Started before the resources, so a resource that never starts still has its file.
/// </summary>
internal static class ResourceLogFiles
{
    public static void Start(IServiceProvider services, RunFolder run)
    {
        var logs = services.GetRequiredService<ResourceLoggerService>();
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        Directory.CreateDirectory(run.Logs);
        _ = WatchAsync(services.GetRequiredService<ResourceNotificationService>(), logs, run.Logs, stopping);
    }

    /// <summary>
    /// Each change of a resource's state or health, one line in <c>resources.log</c> (the dashboard's resource table as
    /// a text file); each new resource instance (DCP names them "reportapi-abcd1234") gets its log copied to its file.
    /// </summary>
    private static async Task WatchAsync(ResourceNotificationService notifications, ResourceLoggerService logs, string folder,
        CancellationToken cancellationToken)
    {
        await using var writer = Open(Path.Combine(folder, "resources.log"));
        var last = new Dictionary<string, string>();
        try
        {
            await foreach (var change in notifications.WatchAsync(cancellationToken))
            {
                var snapshot = change.Snapshot;
                var line = $"{snapshot.State?.Text ?? "?"} health={snapshot.HealthStatus?.ToString() ?? "-"} exit={snapshot.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
                if (change.Resource is ParameterResource)
                {
                    continue;
                }
                if (!last.ContainsKey(change.ResourceId))
                {
                    _ = WriteAsync(logs, Path.Combine(folder, change.Resource.Name + ".log"), change.ResourceId, cancellationToken);
                }
                if (last.GetValueOrDefault(change.ResourceId) != line)
                {
                    last[change.ResourceId] = line;
                    await writer.WriteLineAsync($"{DateTime.UtcNow:HH:mm:ss.fff} {change.ResourceId} {line}");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the AppHost stops
        }
    }

    private static StreamWriter Open(string path)
    {
        var fileOptions = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return new StreamWriter(new FileStream(path, fileOptions)) { AutoFlush = true };
    }

    private static async Task WriteAsync(ResourceLoggerService logs, string path, string resource, CancellationToken cancellationToken)
    {
        await using var writer = Open(path);
        try
        {
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(cancellationToken))
            {
                foreach (var line in batch)
                {
                    await writer.WriteLineAsync(line.Content);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the AppHost stops
        }
    }
}
