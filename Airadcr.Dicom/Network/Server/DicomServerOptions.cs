using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Airadcr.Dicom.Network.Server;

/// <summary>Acceptor settings.</summary>
public sealed record DicomServerOptions : DicomAssociationOptions
{
    /// <summary>Our AE title; requests calling another title are rejected unless <see cref="CheckCalledAe"/> is off.</summary>
    public string AeTitle { get; init; } = "AIRADCR";

    public bool CheckCalledAe { get; init; } = true;

    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 picks a free one (see <see cref="DicomServer.Port"/>).</summary>
    public int Port { get; init; } = 11112;

    /// <summary>Associations served at once (counted from their A-ASSOCIATE-RQ); further requests get A-ASSOCIATE-RJ
    /// (transient, local limit exceeded).</summary>
    public int MaxAssociations { get; init; } = 25;

    /// <summary>ARTIM of a new connection: how long it has (TLS handshake apart) to deliver its whole A-ASSOCIATE-RQ;
    /// then it is aborted. Short: a peer that means to associate sends its request at once.</summary>
    public TimeSpan AssociationRequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections waiting for their A-ASSOCIATE-RQ (they hold no association slot); one more evicts the oldest.</summary>
    public int MaxPendingConnections { get; init; } = 128;

    /// <summary>Connections from one remote address waiting for their A-ASSOCIATE-RQ; one more evicts that address's oldest.</summary>
    public int MaxPendingConnectionsPerAddress { get; init; } = 16;

    /// <summary>When set, every connection is DICOM TLS (PS3.15 B.1) with this certificate (private key included).</summary>
    public X509Certificate2? TlsCertificate { get; init; }
}
