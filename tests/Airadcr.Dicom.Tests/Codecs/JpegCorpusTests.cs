using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests.Codecs;

/// <summary>pydicom's JPEG test files (dcmtk, GDCM and other writers; 8 and 12 bits; RGB, YBR_FULL and
/// YBR_FULL_422; Adobe APP14 and no colour transform) decode as dcmdjpeg decodes them: exactly when lossless, within
/// <see cref="JpegLossyCodecTests"/>' tolerances when lossy.</summary>
public sealed class JpegCorpusTests : IDisposable
{
    private readonly CodecOracle _oracle = new();

    public static TheoryData<string> Files => new(Corpus.Files.Where(IsJpeg));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Corpus_jpeg_decodes_as_dcmdjpeg_decodes_it(string relative)
    {
        using var file = DicomFile.Open(Corpus.PathOf(relative));
        var ours = new DicomPixelData(file.Dataset, file.TransferSyntax);
        // Written again by us: SC_rgb_jpeg.dcm is implicit VR under an explicit VR syntax, which dcmtk cannot read.
        var input = _oracle.Save(file, "input.dcm");
        var reference = await _oracle.DcmtkAsync("dcmdjpeg", input, "dcmdjpeg.dcm");
        var theirs = new DicomPixelData(reference.Dataset, reference.TransferSyntax);
        Assert.Equal(theirs.Info.Photometric, ours.Info.Photometric);
        var difference = CodecOracle.MaxDifference(reference, file);
        var tolerance = ours.Codec!.IsLossy ? Tolerance(ours.Info) : 0;
        Assert.True(difference <= tolerance, $"{relative}: ours differs from dcmdjpeg by up to {difference} (tolerance {tolerance})");
    }

    private static long Tolerance(DicomImageInfo info) =>
        info.SamplesPerPixel == 3 ? JpegLossyCodecTests.ColourTolerance8
        : info.BitsStored > 8 ? JpegLossyCodecTests.GreyTolerance12 : JpegLossyCodecTests.GreyTolerance8;

    private static bool IsJpeg(string relative)
    {
        try
        {
            using var file = DicomFile.Open(Corpus.PathOf(relative));
            return file.TransferSyntax.Uid is DicomUids.JPEGBaseline8Bit or DicomUids.JPEGExtended12Bit
                or DicomUids.JPEGLossless or DicomUids.JPEGLosslessSV1 && file.Dataset.Contains(DicomTag.PixelData);
        }
        catch (DicomFormatException)
        {
            return false;
        }
    }

    public void Dispose() => _oracle.Dispose();
}
