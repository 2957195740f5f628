using System.Net;
using Airadcr.Dicom.Network.Pdus;
using Microsoft.Extensions.Logging;

namespace Airadcr.Dicom.Network.Server;

/// <summary>The SCP's source-generated log messages (event ids 1100-1199). AE titles and addresses only: no data set
/// content ever reaches a log line. What a flood of connections repeats (1100, 1101) is logged at most once a second,
/// with a count (<see cref="RepeatedEvent"/>).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning,
        Message = "Connection from {Remote} closed before its A-ASSOCIATE-RQ to make room ({Evicted} evicted since the last such line): {FromAddress} pending from that address (limit {PerAddressLimit}), {Pending} in all (limit {Limit})")]
    public static partial void PendingConnectionEvicted(this ILogger logger, IPAddress remote, long evicted, int fromAddress, int perAddressLimit, int pending, int limit);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Connection from {Remote} closed before its A-ASSOCIATE-RQ ({Closed} such since the last such line): {Reason}")]
    public static partial void NoAssociationRequest(this ILogger logger, EndPoint? remote, long closed, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Association from {CallingAe} at {Remote} rejected ({Result}): {Reason}")]
    public static partial void AssociationRejected(this ILogger logger, string callingAe, EndPoint? remote, RejectResult result, RejectReason reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Association from {CallingAe} at {Remote} rejected: {MaxAssociations} associations already served (local limit exceeded)")]
    public static partial void AssociationLimitReached(this ILogger logger, string callingAe, EndPoint? remote, int maxAssociations);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Association from {CallingAe} at {Remote} aborted: {Reason}")]
    public static partial void AssociationAborted(this ILogger logger, string callingAe, EndPoint? remote, string reason);
}
