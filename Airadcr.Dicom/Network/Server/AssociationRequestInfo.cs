using System.Net;

namespace Airadcr.Dicom.Network.Server;

/// <summary>Who asks for an association, as the acceptor's policy sees it.</summary>
public sealed record AssociationRequestInfo(string CallingAe, string CalledAe, EndPoint? RemoteEndPoint, string? ImplementationClassUid);

/// <summary>An accepted association: <paramref name="Id"/> is unique within its server (the connection's number), and
/// every <see cref="StoreRequest"/> of the association carries it.</summary>
public sealed record AssociationInfo(long Id, string CallingAe, string CalledAe, EndPoint? RemoteEndPoint);

/// <summary>How an accepted association ended.</summary>
public enum AssociationEnd
{
    /// <summary>A-RELEASE-RQ answered.</summary>
    Released,

    /// <summary>A-ABORT (either side), a timeout, a transport or protocol failure, or the server stopping.</summary>
    Aborted,
}
