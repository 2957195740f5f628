namespace Airadcr.Dicom.Network.Pdus;

/// <summary>A-ASSOCIATE-RJ (PS3.8 9.3.4). <see cref="Reason"/> is interpreted according to <see cref="Source"/>.</summary>
public sealed record AssociateRejectPdu(RejectResult Result, RejectSource Source, RejectReason Reason) : Pdu
{
    public override PduType Type => PduType.AssociateReject;
}

public enum RejectResult : byte
{
    Permanent = 1,
    Transient = 2,
}

public enum RejectSource : byte
{
    ServiceUser = 1,
    ServiceProviderAcse = 2,
    ServiceProviderPresentation = 3,
}

/// <summary>Reject reasons; the numeric value depends on the source (PS3.8 table 9-21).</summary>
public enum RejectReason : byte
{
    NoReasonGiven = 1,

    /// <summary>Service user: application context name not supported. ACSE: protocol version not supported.
    /// Presentation: local limit exceeded.</summary>
    ApplicationContextNotSupportedOrProtocolVersion = 2,

    CallingAeNotRecognized = 3,
    CalledAeNotRecognized = 7,
}
