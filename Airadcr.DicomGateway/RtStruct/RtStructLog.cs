namespace Airadcr.DicomGateway.RtStruct;

/// <summary>Source-generated log messages of RT structure set processing (700-799). Sets by opaque id only; no UID, no ROI name.</summary>
internal static partial class RtStructLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Structure set {SetId}: its referenced images are indexed, queued")]
    public static partial void SetQueued(ILogger logger, string setId);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Structure set {SetId} processed: {Rois} ROI(s), {Errors} with an error")]
    public static partial void SetProcessed(ILogger logger, string setId, int rois, int errors);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Structure set {SetId} failed ({ErrorType}); the API gives the reason")]
    public static partial void SetFailed(ILogger logger, string setId, string errorType);

    [LoggerMessage(EventId = 703, Level = LogLevel.Information, Message = "{Count} structure set(s) interrupted by a stop queued again")]
    public static partial void Resumed(ILogger logger, int count);

    [LoggerMessage(EventId = 704, Level = LogLevel.Warning, Message = "Structure set pass failed, will retry: {Reason}")]
    public static partial void PassFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 705, Level = LogLevel.Information, Message = "Structure set {SetId} queued on demand")]
    public static partial void ProcessRequested(ILogger logger, string setId);
}
