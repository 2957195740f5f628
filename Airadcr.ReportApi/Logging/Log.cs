namespace Airadcr.ReportApi.Logging;

/// <summary>Source-generated log messages. None of them carries a patient identifier, technical id or report text.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Report store: {Engine}, schema version {Version}")]
    public static partial void StoreReady(this ILogger logger, string engine, int version);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Report cache: {Mode}")]
    public static partial void CacheMode(this ILogger logger, string mode);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Report stored ({Outcome})")]
    public static partial void ReportStored(this ILogger logger, string outcome);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Purged {Count} expired report(s)")]
    public static partial void ReportsPurged(this ILogger logger, int count);

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "Refused request to {Path}: {Reason}")]
    public static partial void AuthRefused(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "API key {KeyId} created")]
    public static partial void ApiKeyCreated(this ILogger logger, string keyId);

    [LoggerMessage(EventId = 122, Level = LogLevel.Information, Message = "API key {KeyId} revoked")]
    public static partial void ApiKeyRevoked(this ILogger logger, string keyId);

    [LoggerMessage(EventId = 123, Level = LogLevel.Information, Message = "AIRADCR_PROD_API_KEY registered (prefix {Prefix})")]
    public static partial void ProductionKeyRegistered(this ILogger logger, string prefix);

    [LoggerMessage(EventId = 124, Level = LogLevel.Warning, Message = "AIRADCR_ADMIN_KEY is not set: the /api-keys endpoints refuse every request")]
    public static partial void AdminKeyMissing(this ILogger logger);

    [LoggerMessage(EventId = 125, Level = LogLevel.Warning, Message = "Refused a {Method} request from origin {Origin}: not an allowed origin")]
    public static partial void OriginRefused(this ILogger logger, string method, string origin);

    [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "Listening on http://127.0.0.1:{Port}")]
    public static partial void ListeningOn(this ILogger logger, int port);

    [LoggerMessage(EventId = 131, Level = LogLevel.Warning, Message = "Port {Port} is in use, falling back to {FallbackPort}")]
    public static partial void PortFallback(this ILogger logger, int port, int fallbackPort);

    [LoggerMessage(EventId = 140, Level = LogLevel.Information, Message = "Backup written: {FileName}")]
    public static partial void BackupWritten(this ILogger logger, string fileName);

    [LoggerMessage(EventId = 141, Level = LogLevel.Information, Message = "Deleted old backup {FileName}")]
    public static partial void BackupDeleted(this ILogger logger, string fileName);

    [LoggerMessage(EventId = 142, Level = LogLevel.Error, Message = "Background task {Task} failed")]
    public static partial void BackgroundTaskFailed(this ILogger logger, string task, Exception exception);

    [LoggerMessage(EventId = 143, Level = LogLevel.Debug, Message = "WAL checkpoint of {WalBytes} bytes of frames took {Milliseconds:F1} ms")]
    public static partial void WalCheckpointed(this ILogger logger, long walBytes, double milliseconds);

    [LoggerMessage(EventId = 144, Level = LogLevel.Debug, Message = "WAL started again after {Passes} more copies; commits waited: {CommitsWaited}, {LockedMilliseconds:F1} ms for a last one of {LockedBytes} bytes")]
    public static partial void WalRestarted(this ILogger logger, int passes, bool commitsWaited, long lockedBytes, double lockedMilliseconds);

    [LoggerMessage(EventId = 145, Level = LogLevel.Debug, Message = "Worklist listing opened {Count} reports at start-up in {Milliseconds:F0} ms")]
    public static partial void ListingWarmedUp(this ILogger logger, int count, double milliseconds);

    [LoggerMessage(EventId = 150, Level = LogLevel.Information, Message = "Navigation published to {Subscribers} subscriber(s)")]
    public static partial void NavigationPublished(this ILogger logger, int subscribers);

    [LoggerMessage(EventId = 160, Level = LogLevel.Warning, Message = "TÉO Hub call {Operation} failed (attempt {Attempt}/{Attempts})")]
    public static partial void TeoHubAttemptFailed(this ILogger logger, string operation, int attempt, int attempts, Exception exception);

    [LoggerMessage(EventId = 170, Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    public static partial void UnhandledError(this ILogger logger, string path, Exception exception);
}
