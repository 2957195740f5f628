using Airadcr.Dicom.Imaging.Codecs;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests.Codecs;

/// <summary>pydicom's JPEG 2000 files (written by several toolkits: raw codestreams, YBR_RCT, a Pixel Representation
/// that disagrees with the codestream, lossy 14-bit) decode here to what `gdcmconv --raw` makes of them.</summary>
public sealed class Jpeg2000CorpusTests : IDisposable
{
    private readonly CodecOracle _oracle = new();

    public static TheoryData<string> Files =>
    [
        "test_files/JPEG2000.dcm",
        "test_files/MR_small_jp2klossless.dcm",
        "test_files/GDCMJ2K_TextGBR.dcm",
        "test_files/693_J2KI.dcm",
        "test_files/SC_rgb_gdcm_KY.dcm",
        "test_files/J2K_pixelrep_mismatch.dcm",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Corpus_j2k_decodes_as_gdcm_decodes_it(string file)
    {
        var source = DicomFile.Open(Corpus.PathOf(file));
        Assert.True(source.TransferSyntax.Uid is DicomUids.JPEG2000 or DicomUids.JPEG2000Lossless, source.TransferSyntax.Uid);
        Directory.CreateDirectory(_oracle.Directory);
        var gdcm = Jpeg2000CodecTests.WithBitsStoredOf(source, await _oracle.GdcmAsync(Corpus.PathOf(file), "gdcm.dcm", "--raw"));
        var ours = DicomTranscoder.Transcode(source, DicomTransferSyntax.ExplicitVRLittleEndian);
        CodecOracle.AssertSamePixels(gdcm, ours, file);
    }

    /// <summary>This file's codestream has a sequence delimiter where its SIZ width should be (3722445056 columns):
    /// refused before OpenJPEG reads it, as gdcmconv refuses it ("Invalid number of tiles").</summary>
    [Fact]
    public void A_codestream_whose_siz_is_overwritten_is_refused()
    {
        var source = DicomFile.Open(Corpus.PathOf("test_files/JPEG2000-embedded-sequence-delimiter.dcm"));
        var error = Assert.Throws<DicomFormatException>(() => DicomTranscoder.Transcode(source, DicomTransferSyntax.ExplicitVRLittleEndian));
        Assert.Contains("Image Pixel module says 256 x 1024", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _oracle.Dispose();
}
