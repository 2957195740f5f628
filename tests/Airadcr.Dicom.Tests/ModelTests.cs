using Airadcr.Dicom.Dictionary;

namespace Airadcr.Dicom.Tests;

public sealed class ModelTests
{
    [Fact]
    public void Dictionary_knows_keywords_names_vr_vm_and_retired_flags()
    {
        var pn = DicomDictionary.Lookup(DicomTag.PatientName);
        Assert.Equal(("PatientName", "Patient's Name", DicomVR.PN, "1", false), (pn.Keyword, pn.Name, pn.VR, pn.VM, pn.IsRetired));
        Assert.True(DicomDictionary.Lookup(new DicomTag(0x00080040)).IsRetired);
        Assert.True(DicomDictionary.TryLookup("StudyInstanceUID", out var e) && e.Tag == DicomTag.StudyInstanceUID);
        Assert.True(DicomDictionary.Count > 4000);
    }

    [Theory]
    [InlineData(0x60023000u, "OverlayData", DicomVR.OW)]
    [InlineData(0x50100010u, "NumberOfPoints", DicomVR.US)]
    [InlineData(0x7F100010u, "VariablePixelData", DicomVR.OW)]
    [InlineData(0x00203104u, "SourceImageIDs", DicomVR.CS)]
    [InlineData(0x00290010u, "PrivateCreator", DicomVR.LO)]
    [InlineData(0x00190000u, "PrivateGroupLength", DicomVR.UL)]
    public void Repeating_groups_and_private_elements_resolve(uint tag, string keyword, DicomVR vr)
    {
        var e = DicomDictionary.Lookup(new DicomTag(tag));
        Assert.Equal((keyword, vr), (e.Keyword, e.VR));
        Assert.Equal(new DicomTag(tag), e.Tag);
    }

    [Fact]
    public void Private_creator_blocks_are_reserved_and_resolved()
    {
        var ds = new DicomDataset();
        var tag = ds.GetPrivateTag(0x0029, "AIRADCR", 0x01, reserve: true)!.Value;
        Assert.Equal(new DicomTag(0x00291001), tag);
        ds.Add(tag, DicomVR.LO, "value");
        Assert.Equal("AIRADCR", ds.GetPrivateCreator(tag));
        Assert.Equal(tag, ds.GetPrivateTag(0x0029, "AIRADCR", 0x01));
        Assert.Null(ds.GetPrivateTag(0x0029, "OTHER", 0x01));
    }

    [Fact]
    public void Well_known_uids_and_transfer_syntaxes()
    {
        Assert.Equal("1.2.840.10008.5.1.4.1.1.2", DicomUids.CTImageStorage);
        Assert.Equal("CT Image Storage", DicomUidInfo.NameOf(DicomUids.CTImageStorage));
        var jpeg = DicomTransferSyntax.Lookup(DicomUids.JPEGBaseline8Bit);
        Assert.True(jpeg.IsEncapsulated && jpeg.IsExplicitVR && !jpeg.IsBigEndian);
        Assert.Same(DicomTransferSyntax.ExplicitVRBigEndian, DicomTransferSyntax.Lookup("1.2.840.10008.1.2.2\0"));
    }

    [Fact]
    public void Every_vr_of_ps3_5_is_known_including_the_64_bit_and_long_text_ones()
    {
        foreach (var code in new[] { "OV", "SV", "UV", "UC", "UR", "OL", "OD", "AT" })
        {
            var vr = DicomVRInfo.Parse(code);
            Assert.Equal(code, vr.Code());
        }

        Assert.True(DicomVR.UC.HasLongLength() && DicomVR.UR.HasLongLength() && DicomVR.SV.HasLongLength());
        Assert.Throws<ArgumentException>(() => DicomVRInfo.Parse("XX"));
    }

    [Fact]
    public void Typed_accessors_read_values_and_explain_malformed_ones()
    {
        var ds = new DicomDataset()
            .Add(DicomTag.StudyDate, "20240131")
            .Add(DicomTag.StudyTime, "101502.25")
            .Add(DicomTag.AcquisitionDateTime, "20240131101502.5+0100")
            .Add(DicomTag.PatientName, "Doe^John^^Dr=ドウ^ジョン")
            .Add(DicomTag.ImageType, "ORIGINAL", "PRIMARY")
            .Add(DicomTag.InstanceNumber, "12")
            .Add(DicomTag.PixelSpacing, "0.5", "0.25")
            .Add(DicomTag.Rows, DicomVR.US, (ushort)512)
            .Add(DicomTag.SeriesDate, "2024-13-45");
        Assert.Equal(new DateOnly(2024, 1, 31), ds.GetDate(DicomTag.StudyDate));
        Assert.Equal(new TimeOnly(10, 15, 2, 250), ds.GetTime(DicomTag.StudyTime));
        Assert.Equal(new DateTime(2024, 1, 31, 9, 15, 2, 500, DateTimeKind.Utc), ds.GetDateTime(DicomTag.AcquisitionDateTime));
        var name = ds.GetPersonName(DicomTag.PatientName);
        Assert.Equal(("Doe", "John", "Dr", "ドウ"), (name.Alphabetic.Family, name.Alphabetic.Given, name.Alphabetic.Prefix, name.Ideographic.Family));
        Assert.Equal(["ORIGINAL", "PRIMARY"], ds.GetStrings(DicomTag.ImageType));
        Assert.Equal(12, ds.GetValue<int>(DicomTag.InstanceNumber));
        Assert.Equal([0.5, 0.25], ds.GetValues<double>(DicomTag.PixelSpacing));
        Assert.Equal(512, ds.GetValue<int>(DicomTag.Rows));
        Assert.Equal("ISO_IR 192", ds.GetString(DicomTag.SpecificCharacterSet));

        var bad = Assert.Throws<DicomValueException>(() => ds.GetDate(DicomTag.SeriesDate));
        Assert.Equal("(0008,0021) SeriesDate: '2024-13-45' is not a DA value (YYYYMMDD)", bad.Message);
        Assert.Contains("is absent", Assert.Throws<DicomValueException>(() => ds.GetString(DicomTag.Modality)).Message, StringComparison.Ordinal);
        Assert.Contains("index 3", Assert.Throws<DicomValueException>(() => ds.GetValue<double>(DicomTag.PixelSpacing, 3)).Message, StringComparison.Ordinal);
        ds.Add(DicomTag.SliceThickness, "abc");
        Assert.Contains("'abc' is not a valid DS number", Assert.Throws<DicomValueException>(() => ds.GetValue<double>(DicomTag.SliceThickness)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attribute_tags_round_trip()
    {
        var ds = new DicomDataset().Add(DicomTag.FrameIncrementPointer, DicomVR.AT, (ushort)0x0018, (ushort)0x1063);
        Assert.Equal([new DicomTag(0x00181063)], ds.GetTags(DicomTag.FrameIncrementPointer));
    }
}
