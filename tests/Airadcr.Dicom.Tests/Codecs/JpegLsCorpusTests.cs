using Airadcr.Dicom.IO;
using Airadcr.Dicom.Imaging;

namespace Airadcr.Dicom.Tests.Codecs;

/// <summary>The JPEG-LS files of pydicom's corpus decode to the same pixels as dcmtk's dcmdjpls gives.</summary>
public sealed class JpegLsCorpusTests : IDisposable
{
    private readonly CodecOracle _oracle = new();

    public static TheoryData<string> JpegLsFiles => new(Corpus.Files.Where(IsJpegLs));

    [Fact]
    public void The_corpus_has_jpegls_files()
    {
        Assert.Contains(Path.Combine("test_files", "MR_small_jpeg_ls_lossless.dcm"), Corpus.Files.Where(IsJpegLs));
    }

    [Theory]
    [MemberData(nameof(JpegLsFiles))]
    public async Task Corpus_jpegls_decodes_like_dcmdjpls(string relative)
    {
        using var file = DicomFile.Open(Corpus.PathOf(relative));
        Directory.CreateDirectory(_oracle.Directory);
        var dcmtk = await _oracle.DcmtkAsync("dcmdjpls", Corpus.PathOf(relative), "dcmtk.dcm");
        CodecOracle.AssertSamePixels(dcmtk, file, relative);
        Assert.True(new DicomPixelData(file.Dataset, file.TransferSyntax).FrameCount > 0);
    }

    private static bool IsJpegLs(string relative)
    {
        try
        {
            using var file = DicomFile.Open(Corpus.PathOf(relative), new DicomReadOptions { StopBeforePixelData = true });
            return file.TransferSyntax.Uid is DicomUids.JPEGLSLossless or DicomUids.JPEGLSNearLossless;
        }
        catch (DicomFormatException)
        {
            return false;
        }
    }

    public void Dispose() => _oracle.Dispose();
}
