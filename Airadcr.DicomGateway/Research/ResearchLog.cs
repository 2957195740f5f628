namespace Airadcr.DicomGateway.Research;

/// <summary>Source-generated log messages of the research space (600-699). Project ids, states and counts only: no
/// identifier, original or pseudonymous.</summary>
internal static partial class ResearchLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Research project {ProjectId}: a study de-identified ({State})")]
    public static partial void ResearchStudyDone(this ILogger logger, string projectId, string state);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "Research runner pass failed, will retry: {Reason}")]
    public static partial void ResearchRunFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "Research project {ProjectId}: export {ExportId} {State} ({Files} files, {Bytes} bytes)")]
    public static partial void ResearchExportEnded(this ILogger logger, string projectId, string exportId, string state, int files, long bytes);

    [LoggerMessage(EventId = 604, Level = LogLevel.Information, Message = "Research project {ProjectId} {Action}")]
    public static partial void ResearchProjectChanged(this ILogger logger, string projectId, string action);
}
