using System.Text.Json.Nodes;
using Airadcr.Dicom.Cli;
using Airadcr.Dicom.Dictionary;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests;

/// <summary>The private (vendor) dictionary: implicit VR private data elements get the VR dcmtk's private.dic gives
/// them, so that `dump` and `json` agree with dcmdump and dcm2json on implicit VR files from GE, Siemens, Philips,
/// Toshiba and Elscint equipment (written by dump2dcm from the PrivateDictionary/*.dump texts or taken from
/// pydicom's corpus, converted to implicit VR by dcmconv).</summary>
public sealed class PrivateDictionaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airadcr-private-dictionary-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Vendor files: a dump2dcm text of this project, or a pydicom corpus file; "-e" writes sequences and
    /// items with undefined length, "+e" with explicit length.</summary>
    public static TheoryData<string, string> VendorFiles => new()
    {
        { "siemens-mr.dump", "-e" },
        { "siemens-mr.dump", "+e" },
        { "philips-mr.dump", "-e" },
        { "philips-mr.dump", "+e" },
        { "toshiba-ct.dump", "+e" },
        { "test_files/CT_small.dcm", "+e" },
        { "test_files/dicomdirtests/77654033/CT2/17136", "-e" },
        { "test_files/dicomdirtests/98892001/CT5N/2392", "+e" },
    };

    [Fact]
    public void Lookup_finds_an_offset_in_whichever_block_the_creator_reserves()
    {
        Assert.True(DicomPrivateDictionary.TryLookup(new DicomTag(0x0019, 0x1002), "GEMS_ACQU_01", out var first));
        Assert.True(DicomPrivateDictionary.TryLookup(new DicomTag(0x0019, 0x1302), "GEMS_ACQU_01", out var other));
        Assert.Equal((DicomVR.SL, "NumberOfCellsInDetector"), (first.VR, first.Keyword));
        Assert.Equal(first.VR, other.VR);
        Assert.Equal(new DicomTag(0x0019, 0x1302), other.Tag);
        Assert.False(DicomPrivateDictionary.TryLookup(new DicomTag(0x0019, 0x1002), "gems_acqu_01", out _));
        Assert.False(DicomPrivateDictionary.TryLookup(new DicomTag(0x0021, 0x1002), "GEMS_ACQU_01", out _));
        Assert.False(DicomPrivateDictionary.TryLookup(new DicomTag(0x0019, 0x0010), "GEMS_ACQU_01", out _));
    }

    [Fact]
    public void Lookup_prefers_a_fixed_element_number_and_honours_group_ranges()
    {
        // (0021,"PHILIPS MR/PART",1000) IS and (0021,"PHILIPS MR/PART",1100) DA: fixed numbers, not offsets.
        Assert.True(DicomPrivateDictionary.TryLookup(new DicomTag(0x0021, 0x1100), "PHILIPS MR/PART", out var fixedEntry));
        Assert.Equal((DicomVR.DA, "ScanDate"), (fixedEntry.VR, fixedEntry.Keyword));
        Assert.False(DicomPrivateDictionary.TryLookup(new DicomTag(0x0021, 0x1200), "PHILIPS MR/PART", out _));

        // (6001-o-60ff,"PAPYRUS 3.0",10) US: every odd group of the range.
        Assert.True(DicomPrivateDictionary.TryLookup(new DicomTag(0x6001, 0x1010), "PAPYRUS 3.0", out var low));
        Assert.True(DicomPrivateDictionary.TryLookup(new DicomTag(0x60FF, 0x1210), "PAPYRUS 3.0", out var high));
        Assert.Equal((DicomVR.US, DicomVR.US), (low.VR, high.VR));
        Assert.False(DicomPrivateDictionary.TryLookup(new DicomTag(0x6101, 0x1010), "PAPYRUS 3.0", out _));
    }

    [Fact]
    public void Every_private_dictionary_entry_is_read_with_the_VR_dcmdump_gives_it()
    {
        var path = Path.Combine(_dir, "coverage.dcm");
        new DicomFile(PrivateDictionaryCoverage.Build()).Save(path, DicomTransferSyntax.ImplicitVRLittleEndian);
        var theirs = DumpListing.Private(DcmDump(path));
        var ours = DumpListing.Private(OurDump(path));
        Assert.True(theirs.Count > DicomPrivateDictionary.Entries.Count, $"dcmdump listed only {theirs.Count} private elements");
        Assert.Equal(theirs.Select(l => l.ToString()), ours.Select(l => l.ToString()));
        Assert.Contains(ours, l => l.VR == "SQ");
        Assert.Contains(ours, l => l.VR == "UN");
    }

    [Theory]
    [MemberData(nameof(VendorFiles))]
    public void Dump_of_an_implicit_VR_vendor_file_shows_the_private_VRs_dcmdump_shows(string source, string lengths)
    {
        var path = ImplicitVendorFile(source, lengths);
        var theirs = DumpListing.Private(DcmDump(path));
        Assert.Contains(theirs, l => l.Tag.Element >= 0x1000 && l.VR != "UN");
        Assert.Equal(theirs.Select(l => l.ToString()), DumpListing.Private(OurDump(path)).Select(l => l.ToString()));
    }

    [Theory]
    [MemberData(nameof(VendorFiles))]
    public void Json_of_an_implicit_VR_vendor_file_equals_dcm2json(string source, string lengths)
    {
        var path = ImplicitVendorFile(source, lengths);
        var (rc, stdout, stderr) = Corpus.Run("dcm2json", path);
        Assert.True(rc == 0, $"dcm2json failed: {stderr}");
        var ours = JsonOracleTests.OurJson(path);
        Assert.Null(DicomJsonComparer.FirstDifference(ours, JsonNode.Parse(stdout)));
        Assert.Contains(ours!.AsObject(), p => p.Key[3] % 2 == 1 && p.Key[4..] != "0010" && p.Value?["vr"]?.GetValue<string>() is not "UN");
    }

    [Fact]
    public void A_private_sequence_of_an_implicit_VR_file_is_read_as_a_sequence_with_its_own_creators()
    {
        using var file = DicomFile.Open(ImplicitVendorFile("philips-mr.dump", "-e"));
        var stack = Assert.IsType<DicomSequence>(file.Dataset[new DicomTag(0x2001, 0x105F)]);
        Assert.Equal(2, stack.Items.Count);
        Assert.Equal(DicomVR.CS, stack.Items[1].GetElement(new DicomTag(0x2001, 0x1036)).VR);
        Assert.Equal("PARALLEL", stack.Items[1].GetElement(new DicomTag(0x2001, 0x1036)).GetString());
        Assert.Equal(-1, file.Dataset.GetElement(new DicomTag(0x2001, 0x100F)).GetValue<int>());
        Assert.Equal(DicomVR.UN, file.Dataset.GetElement(new DicomTag(0x2001, 0x1101)).VR);
    }

    [Fact]
    public void An_undefined_length_element_the_dictionary_gives_another_VR_is_read_as_a_sequence()
    {
        // (0019,"GEMS_ACQU_01",04) is DS, which cannot have an undefined length: dcmdump stops there ("larger than
        // remaining bytes"); we read it as the implicit VR sequence it holds, as an unknown element.
        byte[] data =
        [
            0x19, 0x00, 0x10, 0x00, 12, 0, 0, 0, .. "GEMS_ACQU_01"u8,
            0x19, 0x00, 0x04, 0x10, 0xFF, 0xFF, 0xFF, 0xFF,
            0xFE, 0xFF, 0x00, 0xE0, 12, 0, 0, 0, 0x08, 0x00, 0x00, 0x01, 4, 0, 0, 0, .. "ABC "u8,
            0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0,
            0x19, 0x00, 0x03, 0x10, 2, 0, 0, 0, .. "12"u8,
        ];
        var dataset = DicomDatasetReader.Read(data, DicomTransferSyntax.ImplicitVRLittleEndian);
        var sequence = Assert.IsType<DicomSequence>(dataset[new DicomTag(0x0019, 0x1004)]);
        Assert.Equal("ABC", Assert.Single(sequence.Items).GetString(new DicomTag(0x00080100)));
        Assert.Equal(12, dataset.GetValue<int>(new DicomTag(0x0019, 0x1003)));
        Assert.Equal(DicomVR.DS, dataset.GetElement(new DicomTag(0x0019, 0x1003)).VR);
    }

    [Fact]
    public void Explicit_VR_files_keep_the_VR_they_carry()
    {
        var dataset = new DicomDataset();
        dataset.Add(DicomTag.SOPClassUID, DicomUids.SecondaryCaptureImageStorage);
        dataset.Add(DicomTag.SOPInstanceUID, "1.2.826.0.1.3680043.2.1143.19.8");
        dataset.AddOrUpdate(new DicomElement(new DicomTag(0x0019, 0x0010), DicomVR.LO, "GEMS_ACQU_01"u8.ToArray()));
        dataset.AddOrUpdate(new DicomElement(new DicomTag(0x0019, 0x1002), DicomVR.UN, new byte[] { 1, 0, 0, 0 }));
        var path = Path.Combine(_dir, "explicit.dcm");
        new DicomFile(dataset).Save(path, DicomTransferSyntax.ExplicitVRLittleEndian);
        using (var file = DicomFile.Open(path))
        {
            Assert.Equal(DicomVR.UN, file.Dataset.GetElement(new DicomTag(0x0019, 0x1002)).VR);
        }

        new DicomFile(dataset).Save(path, DicomTransferSyntax.ImplicitVRLittleEndian);
        using (var file = DicomFile.Open(path))
        {
            Assert.Equal(DicomVR.SL, file.Dataset.GetElement(new DicomTag(0x0019, 0x1002)).VR);
        }
    }

    /// <summary>Writes <paramref name="source"/> (a PrivateDictionary/*.dump text through dump2dcm, or a corpus
    /// file) in implicit VR little endian with dcmconv.</summary>
    private string ImplicitVendorFile(string source, string lengths)
    {
        var input = Corpus.PathOf(source);
        if (source.EndsWith(".dump", StringComparison.Ordinal))
        {
            input = Path.Combine(_dir, source + ".dcm");
            var dumped = Corpus.Run("dump2dcm", Path.Combine(AppContext.BaseDirectory, "PrivateDictionary", source), input);
            Assert.True(dumped.ExitCode == 0, $"dump2dcm failed: {dumped.Stderr}");
        }

        var output = Path.Combine(_dir, Path.GetFileName(source) + lengths + ".implicit.dcm");
        var (rc, _, stderr) = Corpus.Run("dcmconv", "+ti", lengths, input, output);
        Assert.True(rc == 0, $"dcmconv failed: {stderr}");
        using (var file = DicomFile.Open(output))
        {
            Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian.Uid, file.TransferSyntax.Uid);
        }

        return output;
    }

    private static string DcmDump(string path)
    {
        var (rc, stdout, stderr) = Corpus.Run("dcmdump", "-q", path);
        Assert.True(rc == 0, $"dcmdump failed: {stderr}");
        return stdout;
    }

    private static string OurDump(string path)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.True(CliApp.Run(["dump", path], stdout, stderr) == CliApp.Ok, stderr.ToString());
        return stdout.ToString();
    }
}
