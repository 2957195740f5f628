using System.Buffers.Binary;
using System.Text;

namespace Airadcr.Dicom.Network.Pdus;

/// <summary>A growable big-endian byte buffer with length fields patched after their content is written.</summary>
internal sealed class PduBuilder(int capacity = 512)
{
    private byte[] _buffer = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);

    public void WriteZeros(int count) => Reserve(count).Clear();

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    public void WriteAscii(string text) => Encoding.ASCII.GetBytes(text, Reserve(Encoding.ASCII.GetByteCount(text)));

    /// <summary>An AE title in a fixed 16-byte field, space padded.</summary>
    public void WriteAeTitle(string aeTitle)
    {
        AeTitle.Validate(aeTitle);
        var field = Reserve(16);
        field.Fill((byte)' ');
        Encoding.ASCII.GetBytes(aeTitle, field);
    }

    /// <summary>Reserves a length field of <paramref name="size"/> (2 or 4) bytes; returns its position for <see cref="EndLength"/>.</summary>
    public int BeginLength(int size)
    {
        Reserve(size);
        return Length - size;
    }

    /// <summary>Writes into the reserved field the number of bytes written since it.</summary>
    public void EndLength(int mark, int size)
    {
        var length = Length - mark - size;
        if (size == 2)
        {
            if (length > ushort.MaxValue)
            {
                throw new ArgumentException("An item is longer than 65535 bytes.");
            }

            BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(mark), (ushort)length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(mark), (uint)length);
        }
    }

    private Span<byte> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }

        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
