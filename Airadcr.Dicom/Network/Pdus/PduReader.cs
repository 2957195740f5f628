using System.Buffers.Binary;

namespace Airadcr.Dicom.Network.Pdus;

/// <summary>Reads whole PDUs from a stream into one reused buffer. Lengths are checked before anything is allocated:
/// a P-DATA-TF longer than the maximum we announced, or any other PDU longer than
/// <see cref="MaxControlPduLength"/>, is a <see cref="PduFormatException"/> (the caller aborts).</summary>
public sealed class PduReader(Stream stream, uint maxDataPduLength)
{
    /// <summary>Upper bound for A-ASSOCIATE and the other non-data PDUs.</summary>
    public const int MaxControlPduLength = 1 << 20;

    /// <summary>Upper bound on a P-DATA-TF when we announced "no limit" (0).</summary>
    public const int UnlimitedDataPduCap = 64 << 20;

    private readonly byte[] _header = new byte[6];
    private byte[] _body = new byte[4096];

    /// <summary>The next PDU, or null when the peer closed the connection cleanly between PDUs. The data of a
    /// P-DATA-TF's values is valid until the next call.</summary>
    public async ValueTask<Pdu?> ReadAsync(CancellationToken cancellationToken)
    {
        var first = await stream.ReadAsync(_header.AsMemory(0, 6), cancellationToken).ConfigureAwait(false);
        if (first == 0)
        {
            return null;
        }

        await stream.ReadExactlyAsync(_header.AsMemory(first), cancellationToken).ConfigureAwait(false);
        var type = (PduType)_header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(2));
        if (type is < PduType.AssociateRequest or > PduType.Abort)
        {
            throw new PduFormatException($"Unknown PDU type 0x{_header[0]:X2}.", AbortReason.UnrecognizedPdu);
        }

        var limit = LimitFor(type);
        if (length > limit)
        {
            throw new PduFormatException($"{type} PDU of {length} bytes exceeds the limit of {limit}.");
        }

        if (_body.Length < length)
        {
            _body = new byte[Math.Max(length, Math.Min((uint)_body.Length * 2, limit))];
        }

        var body = _body.AsMemory(0, (int)length);
        await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        return PduDecoder.Decode(type, body);
    }

    private uint LimitFor(PduType type) => type switch
    {
        PduType.DataTransfer when maxDataPduLength == 0 => UnlimitedDataPduCap,
        PduType.DataTransfer => maxDataPduLength,
        _ => MaxControlPduLength,
    };
}
