using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Airadcr.Dicom.Network.Client;

/// <summary>Requestor settings: where to connect and as whom.</summary>
public sealed record DicomClientOptions : DicomAssociationOptions
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    public required string CalledAe { get; init; }

    public string CallingAe { get; init; } = "AIRADCR";

    /// <summary>How long one DIMSE response may take (C-MOVE sends pending responses while it works).</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>DICOM TLS: when true, the connection is wrapped in TLS before the A-ASSOCIATE-RQ.</summary>
    public bool UseTls { get; init; }

    /// <summary>TLS server name to validate; defaults to <see cref="Host"/>.</summary>
    public string? TlsTargetHost { get; init; }

    public RemoteCertificateValidationCallback? TlsCertificateValidation { get; init; }

    public X509CertificateCollection? TlsClientCertificates { get; init; }
}
