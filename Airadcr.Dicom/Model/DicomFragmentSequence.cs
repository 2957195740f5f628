namespace Airadcr.Dicom;

/// <summary>Encapsulated pixel data (PS3.5 A.4): the basic offset table and the fragments, as read (not copied).</summary>
public sealed class DicomFragmentSequence(
    DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> offsetTable, IReadOnlyList<ReadOnlyMemory<byte>> fragments)
    : DicomItem(tag, vr)
{
    /// <summary>Raw bytes of the first item (little-endian 32-bit offsets, possibly empty).</summary>
    public ReadOnlyMemory<byte> OffsetTable { get; } = offsetTable;

    public IReadOnlyList<ReadOnlyMemory<byte>> Fragments { get; } = fragments;

    /// <summary>The offsets of the basic offset table.</summary>
    public uint[] Offsets
    {
        get
        {
            var span = OffsetTable.Span;
            var result = new uint[span.Length / 4];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(span[(i * 4)..]);
            }

            return result;
        }
    }
}
