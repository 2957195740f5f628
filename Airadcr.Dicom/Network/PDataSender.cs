using System.Buffers;
using System.Buffers.Binary;
using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Dicom.Network;

/// <summary>Cuts a command or data set into P-DATA-TF PDUs of one PDV each, no larger than the peer's maximum
/// length, built in one reused buffer so a fragment costs one write.</summary>
/// <summary>Writes one encoded PDU to the transport (with the connection's write timeout).</summary>
internal delegate ValueTask PduWrite(ReadOnlyMemory<byte> pdu);

internal sealed class PDataSender : IDisposable
{
    /// <summary>Fragment size when the peer announced no limit (0).</summary>
    public const int UnlimitedPeerFragment = 1 << 20;

    private const int Headers = 6 + PresentationDataValue.HeaderLength;
    private readonly byte[] _buffer;
    private readonly int _maxData;

    public PDataSender(uint peerMaxPduLength)
    {
        if (peerMaxPduLength is > 0 and <= PresentationDataValue.HeaderLength)
        {
            throw new DicomAssociationException($"Peer maximum PDU length {peerMaxPduLength} cannot carry any data.");
        }

        // Fragments stay even (dcmtk refuses odd ones), so only a data set's last fragment can need a pad byte.
        _maxData = (peerMaxPduLength == 0 || peerMaxPduLength > UnlimitedPeerFragment
            ? UnlimitedPeerFragment - PresentationDataValue.HeaderLength
            : (int)peerMaxPduLength - PresentationDataValue.HeaderLength) & ~1;
        _buffer = ArrayPool<byte>.Shared.Rent(Headers + _maxData);
    }

    public async ValueTask SendAsync(PduWrite write, byte contextId, bool isCommand, ReadOnlyMemory<byte> data)
    {
        var offset = 0;
        do
        {
            var count = Math.Min(_maxData, data.Length - offset);
            data.Slice(offset, count).CopyTo(_buffer.AsMemory(Headers));
            offset += count;
            await write(Fragment(contextId, isCommand, offset == data.Length, count)).ConfigureAwait(false);
        }
        while (offset < data.Length);
    }

    /// <summary>Sends the rest of <paramref name="source"/> (which must be seekable) as a data set. An odd length (a
    /// deflated stream stored unpadded) gets the trailing zero byte PS3.5 A.5 requires.</summary>
    public async ValueTask SendAsync(PduWrite write, byte contextId, Stream source, CancellationToken cancellationToken)
    {
        var remaining = source.Length - source.Position;
        do
        {
            var count = (int)Math.Min(_maxData, remaining);
            await source.ReadExactlyAsync(_buffer.AsMemory(Headers, count), cancellationToken).ConfigureAwait(false);
            remaining -= count;
            if ((count & 1) == 1)
            {
                _buffer[Headers + count++] = 0;
            }

            await write(Fragment(contextId, false, remaining == 0, count)).ConfigureAwait(false);
        }
        while (remaining > 0);
    }

    private ReadOnlyMemory<byte> Fragment(byte contextId, bool isCommand, bool isLast, int count)
    {
        var header = _buffer.AsSpan();
        header[0] = (byte)PduType.DataTransfer;
        header[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[2..], (uint)(count + PresentationDataValue.HeaderLength));
        BinaryPrimitives.WriteUInt32BigEndian(header[6..], (uint)(count + 2));
        header[10] = contextId;
        header[11] = new PresentationDataValue(contextId, isCommand, isLast, default).ControlHeader;
        return _buffer.AsMemory(0, Headers + count);
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
