namespace Airadcr.Dicom.Network.Pdus;

/// <summary>The DICOM application context name, the only one PS3.7 defines.</summary>
public static class ApplicationContext
{
    public const string Dicom = "1.2.840.10008.3.1.1.1";
}

/// <summary>A-ASSOCIATE-RQ (PS3.8 9.3.2).</summary>
public sealed record AssociateRequestPdu(
    string CalledAe,
    string CallingAe,
    IReadOnlyList<PresentationContextProposal> PresentationContexts,
    UserInformation UserInformation,
    string ApplicationContextName = ApplicationContext.Dicom,
    ushort ProtocolVersion = 1) : Pdu
{
    public override PduType Type => PduType.AssociateRequest;
}

/// <summary>A-ASSOCIATE-AC (PS3.8 9.3.3). Called and calling AE titles echo the request's.</summary>
public sealed record AssociateAcceptPdu(
    string CalledAe,
    string CallingAe,
    IReadOnlyList<PresentationContextResult> PresentationContexts,
    UserInformation UserInformation,
    string ApplicationContextName = ApplicationContext.Dicom,
    ushort ProtocolVersion = 1) : Pdu
{
    public override PduType Type => PduType.AssociateAccept;
}
