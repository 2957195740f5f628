using System.Buffers.Binary;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests;

/// <summary>Malformed input is a <see cref="DicomFormatException"/> with the offset, never another failure.</summary>
public sealed class ParserSafetyTests
{
    private static byte[] ExplicitElement(ushort group, ushort element, string vr, byte[] value, uint? length = null)
    {
        var longForm = DicomVRInfo.Parse(vr).HasLongLength();
        var header = new byte[longForm ? 12 : 8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), element);
        header[4] = (byte)vr[0];
        header[5] = (byte)vr[1];
        if (longForm)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), length ?? (uint)value.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), (ushort)(length ?? (uint)value.Length));
        }

        return [.. header, .. value];
    }

    [Fact]
    public void Length_beyond_the_end_is_reported_with_its_offset()
    {
        var data = ExplicitElement(0x0010, 0x0010, "PN", "Doe^John"u8.ToArray(), length: 200);
        var ex = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(data, DicomTransferSyntax.ExplicitVRLittleEndian));
        Assert.Equal(0, ex.Offset);
        Assert.Contains("length 200 exceeds the 8 bytes remaining", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_length_allocates_nothing_and_fails()
    {
        var data = ExplicitElement(0x7FE0, 0x0010, "OB", [1, 2, 3, 4], length: 0xFFFFFFF0);
        var ex = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(data, DicomTransferSyntax.ExplicitVRLittleEndian));
        Assert.Contains("exceeds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_header_is_reported()
    {
        byte[] data = [0x10, 0x00, 0x10, 0x00, (byte)'P'];
        var ex = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(data, DicomTransferSyntax.ExplicitVRLittleEndian));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_bound_is_rejected()
    {
        // 100 nested undefined-length sequences, each with one undefined-length item.
        var open = new List<byte>();
        for (var i = 0; i < 100; i++)
        {
            open.AddRange(ExplicitElement(0x0008, 0x1115, "SQ", [], length: uint.MaxValue));
            open.AddRange(new byte[] { 0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF });
        }

        var ex = Assert.Throws<DicomFormatException>(() =>
            DicomDatasetReader.Read(open.ToArray(), DicomTransferSyntax.ExplicitVRLittleEndian, new DicomReadOptions { MaxDepth = 32 }));
        Assert.Contains("deeper than 32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_sequence_delimiter_is_reported()
    {
        var data = ExplicitElement(0x0008, 0x1115, "SQ", [], length: uint.MaxValue);
        var ex = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(data, DicomTransferSyntax.ExplicitVRLittleEndian));
        Assert.Contains("no sequence delimiter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_deflate_stream_is_a_format_error()
    {
        byte[] data = [0x12, 0x34, 0x56, 0x78, 0x9A];
        Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(data, DicomTransferSyntax.DeflatedExplicitVRLittleEndian));
    }

    [Fact]
    public void Header_only_read_stops_before_pixel_data()
    {
        using var full = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm"));
        using var header = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm"), new DicomReadOptions { StopBeforePixelData = true });
        Assert.True(full.Dataset.Contains(DicomTag.PixelData));
        Assert.False(header.Dataset.Contains(DicomTag.PixelData));
        Assert.Equal(full.Dataset.Count(i => i.Tag < DicomTag.PixelData), header.Dataset.Count);
    }

    [Fact]
    public void Large_files_are_memory_mapped_not_copied()
    {
        using var file = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm"), new DicomReadOptions { MemoryMapThreshold = 1 });
        var pixels = file.Dataset.GetElement(DicomTag.PixelData).Data;
        Assert.False(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(pixels, out _), "pixel data is a managed array");
        Assert.Equal(128 * 128 * 2, pixels.Length);
    }

    [Fact]
    public void Raw_dataset_without_preamble_is_read_with_its_detected_encoding()
    {
        using var file = DicomFile.Open(Corpus.PathOf("test_files/ExplVR_BigEndNoMeta.dcm"));
        Assert.False(file.HadPreamble);
        Assert.True(file.TransferSyntax.IsBigEndian);
        Assert.Throws<DicomFormatException>(() =>
            DicomFile.Open(Corpus.PathOf("test_files/ExplVR_BigEndNoMeta.dcm"), new DicomReadOptions { AllowMissingPreamble = false }));
    }
}
