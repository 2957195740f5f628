using Airadcr.Dicom.Charsets;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests;

/// <summary>Specific Character Set decoding (pydicom's charset files; all of them are also compared with pydicom
/// in <see cref="JsonOracleTests"/>).</summary>
public sealed class CharsetTests
{
    [Theory]
    [InlineData("chrH31.dcm", "Yamada^Tarou=山田^太郎=やまだ^たろう")]
    [InlineData("chrH32.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう")]
    [InlineData("chrI2.dcm", "Hong^Gildong=洪^吉洞=홍^길동")]
    [InlineData("chrX1.dcm", "Wang^XiaoDong=王^小東")]
    [InlineData("chrX2.dcm", "Wang^XiaoDong=王^小东")]
    [InlineData("chrGreek.dcm", "Διονυσιος")]
    [InlineData("chrRuss.dcm", "Люкceмбypг")]
    [InlineData("chrArab.dcm", "قباني^لنزار")]
    [InlineData("chrHbrw.dcm", "שרון^דבורה")]
    [InlineData("chrFren.dcm", "Buc^Jérôme")]
    public void Patient_names_decode(string file, string expected)
    {
        using var f = DicomFile.Open(Corpus.PathOf($"charset_files/{file}"));
        Assert.Equal(expected, f.Dataset.GetString(DicomTag.PatientName).TrimEnd('='));
    }

    [Theory]
    [InlineData("ISO_IR 101", new byte[] { 0xB1 }, "ą")]
    [InlineData("ISO_IR 109", new byte[] { 0xA1 }, "Ħ")]
    [InlineData("ISO_IR 110", new byte[] { 0xA1 }, "Ą")]
    [InlineData("ISO_IR 148", new byte[] { 0xF0 }, "ğ")]
    [InlineData("ISO_IR 166", new byte[] { 0xA1 }, "ก")]
    [InlineData("ISO_IR 13", new byte[] { 0xB1 }, "ｱ")]
    [InlineData("GBK", new byte[] { 0xC4, 0xE3 }, "你")]
    [InlineData("ISO 2022 IR 58", new byte[] { 0x1B, 0x24, 0x29, 0x41, 0xC4, 0xE3 }, "你")]
    [InlineData("ISO 2022 IR 159", new byte[] { 0x1B, 0x24, 0x28, 0x44, 0x30, 0x21 }, "丂")]
    public void Single_byte_and_extension_sets_decode(string term, byte[] bytes, string expected)
    {
        var charset = DicomCharset.FromTerms(term.StartsWith("ISO 2022", StringComparison.Ordinal) ? ["", term] : [term]);
        Assert.Equal(expected, charset.Decode(bytes, DicomVR.LO));
    }

    [Fact]
    public void Sequence_items_use_their_own_or_the_inherited_character_set()
    {
        using var f = DicomFile.Open(Corpus.PathOf("charset_files/chrSQEncoding.dcm"));
        var item = f.Dataset.GetSequence(new DicomTag(0x00321064)).Items[0];
        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", item.GetString(DicomTag.PatientName).TrimEnd('='));
    }

    [Fact]
    public void Non_ascii_text_is_written_as_iso_ir_192()
    {
        var ds = new DicomDataset().Add(DicomTag.PatientName, "Müller^Jürgen");
        Assert.Equal("ISO_IR 192", ds.GetString(DicomTag.SpecificCharacterSet));
        var back = DicomDatasetReader.Read(DicomDatasetWriter.ToArray(ds, DicomTransferSyntax.ExplicitVRLittleEndian), DicomTransferSyntax.ExplicitVRLittleEndian);
        Assert.Equal("Müller^Jürgen", back.GetString(DicomTag.PatientName));
    }
}

/// <summary>Converting read datasets to UTF-8 before writing (we always write ISO_IR 192).</summary>
public sealed class Utf8ConversionTests
{
    [Theory]
    [InlineData("chrH31.dcm")]
    [InlineData("chrI2.dcm")]
    [InlineData("chrSQEncoding.dcm")]
    [InlineData("chrRuss.dcm")]
    public void Text_keeps_its_meaning_as_iso_ir_192(string name)
    {
        using var file = DicomFile.Open(Corpus.PathOf($"charset_files/{name}"));
        var before = System.Text.Json.Nodes.JsonNode.Parse(Json.DicomJsonWriter.ToJson(file.Dataset));
        DicomUtf8Converter.ConvertToUtf8(file.Dataset);
        Assert.Equal("ISO_IR 192", file.Dataset.GetString(DicomTag.SpecificCharacterSet));
        using var back = DicomFile.Read(DicomFileWriter.ToArray(file));
        var after = System.Text.Json.Nodes.JsonNode.Parse(Json.DicomJsonWriter.ToJson(back.Dataset));
        Assert.Null(DicomJsonComparer.FirstDifference(after, before));
    }
}
