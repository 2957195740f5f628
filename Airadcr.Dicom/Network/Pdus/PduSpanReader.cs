using System.Buffers.Binary;
using System.Text;

namespace Airadcr.Dicom.Network.Pdus;

/// <summary>Bounds-checked big-endian reads over a PDU body; any overrun is a <see cref="PduFormatException"/>.</summary>
internal ref struct PduSpanReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public void Skip(int count) => Take(count);

    /// <summary>A UID or name: ASCII, trailing NUL and space padding removed.</summary>
    public string ReadText(int length) => Encoding.ASCII.GetString(Take(length)).TrimEnd('\0', ' ');

    /// <summary>A 16-byte AE title field, leading and trailing spaces removed.</summary>
    public string ReadAeTitle() => Encoding.ASCII.GetString(Take(16)).Trim(' ', '\0');

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new PduFormatException($"A field of {count} bytes runs past the end of its PDU or item ({Remaining} left).");
        }

        var span = _data.Slice(Position, count);
        Position += count;
        return span;
    }
}
