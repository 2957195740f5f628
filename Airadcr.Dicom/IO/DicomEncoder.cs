using System.Buffers;
using System.Buffers.Binary;

namespace Airadcr.Dicom.IO;

/// <summary>Encodes a dataset in one transfer syntax (deflate excluded) into an <see cref="IBufferWriter{T}"/>.
/// Sequences and items are written with undefined length; odd values are padded; existing group length elements are
/// recalculated; binary values are byte-swapped when the source and target byte orders differ.</summary>
internal readonly struct DicomEncoder(IBufferWriter<byte> output, DicomTransferSyntax syntax)
{
    private const int Chunk = 64 * 1024;
    private readonly bool _explicit = syntax.IsExplicitVR;
    private readonly bool _big = syntax.IsBigEndian;

    public void WriteDataset(DicomDataset dataset)
    {
        DicomItem[] items = [.. dataset];
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            if (item.Tag.IsGroupLength && item is DicomElement)
            {
                i = WriteGroupWithLength(items, i);
                continue;
            }

            WriteItem(item);
        }
    }

    private int WriteGroupWithLength(DicomItem[] items, int lengthIndex)
    {
        var group = items[lengthIndex].Tag.Group;
        var buffer = new ArrayBufferWriter<byte>();
        var inner = new DicomEncoder(buffer, syntax);
        var i = lengthIndex + 1;
        for (; i < items.Length && items[i].Tag.Group == group; i++)
        {
            inner.WriteItem(items[i]);
        }

        var length = new byte[4];
        if (_big)
        {
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)buffer.WrittenCount);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)buffer.WrittenCount);
        }

        WriteElement(new DicomElement(items[lengthIndex].Tag, DicomVR.UL, length, _big));
        WriteBytes(buffer.WrittenSpan);
        return i - 1;
    }

    public void WriteItem(DicomItem item)
    {
        switch (item)
        {
            case DicomElement e:
                WriteElement(e);
                break;
            case DicomSequence s:
                WriteHeader(s.Tag, DicomVR.SQ, uint.MaxValue);
                foreach (var dataset in s.Items)
                {
                    WriteTagLength(DicomTag.Item, uint.MaxValue);
                    WriteDataset(dataset);
                    WriteTagLength(DicomTag.ItemDelimitationItem, 0);
                }

                WriteTagLength(DicomTag.SequenceDelimitationItem, 0);
                break;
            case DicomFragmentSequence f:
                if (!syntax.IsEncapsulated)
                {
                    throw new InvalidOperationException(
                        $"{f.Tag} holds encapsulated (compressed) pixel data, which {syntax.Name} cannot carry; decompress it first");
                }

                WriteHeader(f.Tag, f.VR, uint.MaxValue);
                WriteFragment(f.OffsetTable.Span);
                foreach (var fragment in f.Fragments)
                {
                    WriteFragment(fragment.Span);
                }

                WriteTagLength(DicomTag.SequenceDelimitationItem, 0);
                break;
            default:
                throw new InvalidOperationException($"unsupported item type {item.GetType().Name}");
        }
    }

    private void WriteFragment(ReadOnlySpan<byte> value)
    {
        var padded = (uint)(value.Length + (value.Length & 1));
        WriteTagLength(DicomTag.Item, padded);
        WriteBytes(value);
        if ((value.Length & 1) == 1)
        {
            WriteBytes([0]);
        }
    }

    private void WriteElement(DicomElement e)
    {
        var length = e.Data.Length;
        var padded = (uint)(length + (length & 1));
        var vr = e.VR;
        if (_explicit && !vr.HasLongLength() && padded > ushort.MaxValue)
        {
            vr = DicomVR.UN;
        }

        WriteHeader(e.Tag, vr, padded);
        var size = e.VR == DicomVR.UN ? 1 : e.VR.ValueSize();
        if (size > 1 && e.IsBigEndian != _big)
        {
            WriteSwapped(e.Data.Span, e.VR == DicomVR.AT ? 2 : size);
        }
        else
        {
            WriteBytes(e.Data.Span);
        }

        if ((length & 1) == 1)
        {
            WriteBytes([e.VR.PaddingByte()]);
        }
    }

    private void WriteHeader(DicomTag tag, DicomVR vr, uint length)
    {
        if (!_explicit)
        {
            WriteTagLength(tag, length);
            return;
        }

        var long_ = vr.HasLongLength();
        var span = output.GetSpan(12);
        WriteTag(span, tag);
        span[4] = (byte)((ushort)vr >> 8);
        span[5] = (byte)vr;
        if (long_)
        {
            span[6] = 0;
            span[7] = 0;
            WriteU32(span[8..], length);
            output.Advance(12);
        }
        else
        {
            if (_big)
            {
                BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)length);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span[6..], (ushort)length);
            }

            output.Advance(8);
        }
    }

    private void WriteTagLength(DicomTag tag, uint length)
    {
        var span = output.GetSpan(8);
        WriteTag(span, tag);
        WriteU32(span[4..], length);
        output.Advance(8);
    }

    private void WriteTag(Span<byte> span, DicomTag tag)
    {
        if (_big)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, tag.Group);
            BinaryPrimitives.WriteUInt16BigEndian(span[2..], tag.Element);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, tag.Group);
            BinaryPrimitives.WriteUInt16LittleEndian(span[2..], tag.Element);
        }
    }

    private void WriteU32(Span<byte> span, uint value)
    {
        if (_big)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        }
    }

    private void WriteBytes(ReadOnlySpan<byte> value)
    {
        if (value.Length >= Chunk && output is StreamBufferWriter stream)
        {
            stream.WriteThrough(value);
            return;
        }

        while (!value.IsEmpty)
        {
            var n = Math.Min(value.Length, Chunk);
            var span = output.GetSpan(n);
            value[..n].CopyTo(span);
            output.Advance(n);
            value = value[n..];
        }
    }

    private void WriteSwapped(ReadOnlySpan<byte> value, int size)
    {
        var whole = value.Length - value.Length % size;
        var tail = value[whole..];
        value = value[..whole];
        while (!value.IsEmpty)
        {
            var n = Math.Min(value.Length, Chunk - Chunk % size);
            var span = output.GetSpan(n);
            for (var i = 0; i < n; i += size)
            {
                for (var k = 0; k < size; k++)
                {
                    span[i + k] = value[i + size - 1 - k];
                }
            }

            output.Advance(n);
            value = value[n..];
        }

        WriteBytes(tail);
    }
}
