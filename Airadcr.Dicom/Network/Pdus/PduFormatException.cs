namespace Airadcr.Dicom.Network.Pdus;

/// <summary>A received PDU that breaks PS3.8; the association answers it with an A-ABORT carrying <see cref="Reason"/>.</summary>
public sealed class PduFormatException(string message, AbortReason reason = AbortReason.InvalidPduParameterValue)
    : Exception(message)
{
    public AbortReason Reason { get; } = reason;
}
