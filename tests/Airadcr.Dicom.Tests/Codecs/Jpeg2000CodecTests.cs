using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.Imaging.Codecs;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests.Codecs;

/// <summary>JPEG 2000 through OpenJPEG, checked against GDCM (gdcmconv; dcmtk in Debian has no JPEG 2000 codec):
/// lossless files we encode decode to the original pixels there and theirs here; lossy ones (ratio 10) stay within
/// a stated error of the original and decode here exactly as GDCM decodes them.</summary>
public sealed class Jpeg2000CodecTests : IDisposable
{
    /// <summary>Our lossy encoding at ratio 10 of these noisy images (their noise alone is at about 39 dB): a PSNR over
    /// the stored range of at least 28 dB (RMS error under 4% of the range), no sample off by more than a third of the
    /// range. GDCM's lossy encoder at the same ratio does a little worse on colour (27.3 dB): its files are held to
    /// 25 dB and half the range, their decoding here to exactly GDCM's.</summary>
    private const double OurMinPsnr = 28;
    private const double OurMaxErrorOfRange = 1 / 3.0;
    private const double TheirMinPsnr = 25;
    private const double TheirMaxErrorOfRange = 0.5;

    private readonly CodecOracle _oracle = new();

    public static TheoryData<int> Layouts => [.. Enumerable.Range(0, CodecTestImages.Common.Count)];

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Our_lossless_j2k_is_decoded_by_gdcm_to_the_same_pixels(int layout)
    {
        var original = CodecTestImages.Create(CodecTestImages.Common[layout], seed: layout + 1);
        var ours = DicomTranscoder.Transcode(original, DicomTransferSyntax.Lookup(DicomUids.JPEG2000Lossless));
        var expectedPhotometric = original.Dataset.GetString(DicomTag.PhotometricInterpretation) == "RGB" ? "YBR_RCT" : original.Dataset.GetString(DicomTag.PhotometricInterpretation);
        Assert.Equal(expectedPhotometric, ours.Dataset.GetString(DicomTag.PhotometricInterpretation));
        var path = _oracle.Save(ours, "ours-j2k.dcm");
        var because = CodecTestImages.Common[layout].ToString();
        CodecOracle.AssertSamePixels(original, await _oracle.GdcmAsync(path, "gdcm.dcm", "--raw"), because + " (gdcmconv --raw)");
        CodecOracle.AssertSamePixels(original, DicomTranscoder.Transcode(ours, DicomTransferSyntax.ExplicitVRLittleEndian), because + " (ours)");
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Gdcm_lossless_j2k_decodes_to_the_original_pixels(int layout)
    {
        var original = CodecTestImages.Create(CodecTestImages.Common[layout], seed: layout + 1);
        var path = _oracle.Save(original, "native.dcm");
        var theirs = await _oracle.GdcmAsync(path, "gdcm.dcm", "--j2k");
        Assert.Equal(DicomUids.JPEG2000Lossless, theirs.TransferSyntax.Uid);
        CodecOracle.AssertSamePixels(original, theirs, CodecTestImages.Common[layout] + " (gdcmconv --j2k)");
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Our_lossy_j2k_is_within_tolerance_and_gdcm_decodes_it_as_we_do(int layout)
    {
        var original = CodecTestImages.Create(CodecTestImages.Common[layout], seed: layout + 1);
        var ours = DicomTranscoder.Transcode(original, DicomTransferSyntax.Lookup(DicomUids.JPEG2000), new DicomCodecOptions(CompressionRatio: 10));
        Assert.Equal("01", ours.Dataset.GetString(DicomTag.LossyImageCompression));
        var path = _oracle.Save(ours, "ours-j2k-lossy.dcm");
        var gdcm = await _oracle.GdcmAsync(path, "gdcm.dcm", "--raw");
        CodecOracle.AssertSamePixels(gdcm, ours, CodecTestImages.Common[layout] + " (ours vs gdcmconv --raw)");
        AssertWithinTolerance(original, gdcm, CodecTestImages.Common[layout], OurMinPsnr, OurMaxErrorOfRange);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Gdcm_lossy_j2k_decodes_here_as_gdcm_decodes_it(int layout)
    {
        var original = CodecTestImages.Create(CodecTestImages.Common[layout], seed: layout + 1);
        var path = _oracle.Save(original, "native.dcm");
        var theirs = await _oracle.GdcmAsync(path, "gdcm-lossy.dcm", "--j2k", "--lossy", "-r", "10");
        var decoded = WithBitsStoredOf(theirs, await _oracle.GdcmAsync(_oracle.PathOf("gdcm-lossy.dcm"), "gdcm-raw.dcm", "--raw"));
        CodecOracle.AssertSamePixels(decoded, theirs, CodecTestImages.Common[layout] + " (ours vs gdcmconv --raw)");
        AssertWithinTolerance(original, theirs, CodecTestImages.Common[layout], TheirMinPsnr, TheirMaxErrorOfRange);
    }

    /// <summary>gdcmconv --raw rewrites Bits Stored and High Bit to the codestream's precision (which lossy JPEG 2000
    /// writers often set to Bits Allocated); the samples are compared in the source's declared layout.</summary>
    public static DicomFile WithBitsStoredOf(DicomFile source, DicomFile gdcm)
    {
        foreach (var tag in new[] { DicomTag.BitsStored, DicomTag.HighBit })
        {
            gdcm.Dataset.AddOrUpdate(DicomElementFactory.Create(tag, DicomVR.US, (ushort)source.Dataset.GetValue<int>(tag)));
        }

        return gdcm;
    }

    private static void AssertWithinTolerance(DicomFile original, DicomFile lossy, CodecImageLayout layout, double minPsnr, double maxErrorOfRange)
    {
        var a = new DicomPixelData(original.Dataset, original.TransferSyntax);
        var b = new DicomPixelData(lossy.Dataset, lossy.TransferSyntax);
        double range = (1L << layout.BitsStored) - 1, squares = 0, max = 0, count = 0;
        for (var frame = 0; frame < a.FrameCount; frame++)
        {
            var x = a.GetContainerValues(frame);
            var y = b.GetContainerValues(frame);
            for (var i = 0; i < x.Length; i++)
            {
                double error = Math.Abs(x[i] - y[i]);
                squares += error * error;
                max = Math.Max(max, error);
                count++;
            }
        }

        var rms = Math.Sqrt(squares / count);
        var psnr = 20 * Math.Log10(range / Math.Max(rms, 1e-9));
        Assert.True(psnr >= minPsnr && max <= maxErrorOfRange * range,
            $"{layout}: PSNR {psnr:F1} dB (RMS error {rms:F2}), largest error {max} of a {range} range (at least {minPsnr} dB, at most {maxErrorOfRange:P0})");
    }

    public void Dispose() => _oracle.Dispose();
}
