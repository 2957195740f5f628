namespace Airadcr.DicomGateway.Logging;

/// <summary>Source-generated log messages of the gateway (100-199 SCP, 200-299 study assembly). No patient data.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "DICOM SCP {AeTitle} listening on {Address}:{Port}")]
    public static partial void ScpListening(this ILogger logger, string aeTitle, string address, int port);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Association from calling AE {CallingAe} rejected: not in the allowlist")]
    public static partial void CallingAeRejected(this ILogger logger, string callingAe);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Instance already stored: first copy kept")]
    public static partial void DuplicateInstance(this ILogger logger);

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "C-STORE refused (0xC000): pixel data in {TransferSyntax} cannot be decoded: {Reason}")]
    public static partial void PixelDataNotDecodable(this ILogger logger, string transferSyntax, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Group commit of {Count} instance(s) failed: {Reason}")]
    public static partial void GroupCommitFailed(this ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "C-STORE refused (0xA700): {FreeMegabytes} MB free in the storage folder, {MinimumMegabytes} MB required")]
    public static partial void StorageFull(this ILogger logger, long freeMegabytes, int minimumMegabytes);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "C-STORE refused (0xA700): the index could not record it: {Reason}")]
    public static partial void IndexUnavailable(this ILogger logger, string reason);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Recording the index's durable watermark failed, will retry: {Reason}")]
    public static partial void WatermarkFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 108, Level = LogLevel.Information, Message = "Start-up recovery: {SeriesScanned} series folder(s) changed since {Since} scanned, {Indexed} instance file(s) indexed again, {Unreadable} incomplete or foreign file(s) left as they are")]
    public static partial void RecoveryDone(this ILogger logger, int seriesScanned, string since, int indexed, int unreadable);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Storage in {StorageRoot}, index in {Engine} at {IndexLocation}")]
    public static partial void StorageLocation(this ILogger logger, string storageRoot, string engine, string indexLocation);

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Study {StudyHash} complete: analysis job {JobId} queued")]
    public static partial void StudyComplete(this ILogger logger, string studyHash, long jobId);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "Study assembly pass failed")]
    public static partial void AssemblyFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Study {StudyHash} analysed and reported (job {JobId})")]
    public static partial void AnalysisDone(this ILogger logger, string studyHash, long jobId);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Analysis of study {StudyHash} failed (job {JobId}, attempt {Attempt}): {Reason}")]
    public static partial void AnalysisFailed(this ILogger logger, string studyHash, long jobId, int attempt, string reason);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Analysis jobs go through the Redis stream {Stream}; {Requeued} unfinished job(s) queued again for it")]
    public static partial void AnalysisStreamCreated(this ILogger logger, string stream, int requeued);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Analysis job {JobId} taken over from a worker that stopped")]
    public static partial void AnalysisJobReclaimed(this ILogger logger, long jobId);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Relaying analysis jobs to the stream failed, will retry: {Reason}")]
    public static partial void RelayFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "Warming up the report rendering failed (the first report will be slower): {Reason}")]
    public static partial void ReportWarmupFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 220, Level = LogLevel.Information, Message = "STOW-RS request: {Stored} stored, {Duplicates} duplicates, {Rejected} rejected")]
    public static partial void StowReceived(this ILogger logger, int stored, int duplicates, int rejected);

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Admin request to {Path} refused: {Reason}")]
    public static partial void AdminRefused(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 306, Level = LogLevel.Warning, Message = "Analysis jobs unavailable, will retry: {Reason}")]
    public static partial void JobTransportUnavailable(this ILogger logger, string reason);

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Sending results to the PACS failed, will retry: {Reason}")]
    public static partial void PacsSendFailed(this ILogger logger, string reason);
}
