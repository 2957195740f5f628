using System.Net;

namespace Airadcr.Dicom.Network.Server;

/// <summary>Who asks for an association, as the acceptor's policy sees it.</summary>
public sealed record AssociationRequestInfo(string CallingAe, string CalledAe, EndPoint? RemoteEndPoint, string? ImplementationClassUid);
