namespace Airadcr.Dicom.Network.Pdus;

/// <summary>One PDV item of a P-DATA-TF: a fragment of a command or data set on a presentation context.
/// <see cref="Data"/> of a received PDV points into the reader's buffer and is valid until the next read.</summary>
public readonly record struct PresentationDataValue(byte PresentationContextId, bool IsCommand, bool IsLast, ReadOnlyMemory<byte> Data)
{
    /// <summary>PDV item length field + context id + message control header.</summary>
    public const int HeaderLength = 6;

    internal byte ControlHeader => (byte)((IsCommand ? 1 : 0) | (IsLast ? 2 : 0));
}

/// <summary>P-DATA-TF (PS3.8 9.3.5).</summary>
public sealed record DataTransferPdu(IReadOnlyList<PresentationDataValue> Values) : Pdu
{
    public override PduType Type => PduType.DataTransfer;
}
