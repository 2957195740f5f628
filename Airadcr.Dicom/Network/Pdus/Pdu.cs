namespace Airadcr.Dicom.Network.Pdus;

/// <summary>An upper-layer protocol data unit (PS3.8 section 9.3).</summary>
public abstract record Pdu
{
    public abstract PduType Type { get; }
}

/// <summary>A-RELEASE-RQ.</summary>
public sealed record ReleaseRequestPdu : Pdu
{
    public static ReleaseRequestPdu Instance { get; } = new();

    public override PduType Type => PduType.ReleaseRequest;
}

/// <summary>A-RELEASE-RP.</summary>
public sealed record ReleaseResponsePdu : Pdu
{
    public static ReleaseResponsePdu Instance { get; } = new();

    public override PduType Type => PduType.ReleaseResponse;
}
