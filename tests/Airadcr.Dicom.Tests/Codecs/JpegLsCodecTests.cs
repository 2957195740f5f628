using Airadcr.Dicom.IO;
using Airadcr.Dicom.Imaging.Codecs;

namespace Airadcr.Dicom.Tests.Codecs;

/// <summary>JPEG-LS encoded by us (CharLS) is decoded by dcmtk and GDCM to the original pixels (within NEAR for
/// near-lossless), and theirs by us.</summary>
public sealed class JpegLsCodecTests : IDisposable
{
    private readonly CodecOracle _oracle = new();

    /// <summary>Layout × (transfer syntax, NEAR): lossless, near-lossless coded losslessly, near-lossless NEAR=2.</summary>
    public static TheoryData<int, string, int> OurCases
    {
        get
        {
            var data = new TheoryData<int, string, int>();
            for (var layout = 0; layout < CodecTestImages.Common.Count; layout++)
            {
                data.Add(layout, DicomUids.JPEGLSLossless, 0);
                data.Add(layout, DicomUids.JPEGLSNearLossless, 0);
                data.Add(layout, DicomUids.JPEGLSNearLossless, 2);
            }

            return data;
        }
    }

    /// <summary>Layout × how dcmtk or GDCM compresses it (tool, NEAR, options).</summary>
    public static TheoryData<int, string, int, string> TheirCases
    {
        get
        {
            var variants = new (string Tool, int Near, string Options)[]
            {
                ("dcmcjpls", 0, ""),
                ("dcmcjpls", 0, "+in"),
                ("dcmcjpls", 0, "+is"),
                ("dcmcjpls", 2, "+en +md 2"),
                ("gdcmconv", 0, "--jpegls"),
                ("gdcmconv", 2, "--jpegls --lossy -e 2"),
            };
            var data = new TheoryData<int, string, int, string>();
            for (var layout = 0; layout < CodecTestImages.Common.Count; layout++)
            {
                foreach (var (tool, near, options) in variants)
                {
                    if (near == 0 || !CodecTestImages.Common[layout].Signed)
                    {
                        data.Add(layout, tool, near, options);
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(OurCases))]
    public async Task Our_jpegls_is_decoded_by_dcmtk_and_gdcm_to_the_original_pixels(int layout, string syntax, int near)
    {
        var image = CodecTestImages.Common[layout];
        var original = CodecTestImages.Create(image, seed: layout + 1);
        var target = DicomTransferSyntax.Lookup(syntax);
        var options = new DicomCodecOptions(NearLossless: near);
        if (syntax == DicomUids.JPEGLSNearLossless && image.Signed)
        {
            Assert.Throws<NotSupportedException>(() => DicomTranscoder.Transcode(original, target, options));
            return;
        }

        var ours = DicomTranscoder.Transcode(original, target, options);
        var path = _oracle.Save(ours, "ours-jls.dcm");
        var because = $"{image} {syntax} NEAR={near}";
        var dcmtk = await _oracle.DcmtkAsync("dcmdjpls", path, "dcmtk.dcm");
        var gdcm = await _oracle.GdcmAsync(path, "gdcm.dcm", "--raw");
        if (near == 0)
        {
            CodecOracle.AssertSamePixels(original, ours, because + " (us)");
            CodecOracle.AssertSamePixels(original, dcmtk, because + " (dcmdjpls)");
            CodecOracle.AssertSamePixels(original, gdcm, because + " (gdcmconv --raw)");
            Assert.False(ours.Dataset.Contains(DicomTag.LossyImageCompression), because + ": NEAR=0 is lossless");
            return;
        }

        Assert.InRange(CodecOracle.MaxDifference(original, dcmtk), 0, near);
        Assert.InRange(CodecOracle.MaxDifference(original, gdcm), 0, near);
        CodecOracle.AssertSamePixels(dcmtk, ours, because + " (us vs dcmdjpls)");
        Assert.Equal("01", ours.Dataset.GetString(DicomTag.LossyImageCompression));
    }

    [Theory]
    [MemberData(nameof(TheirCases))]
    public async Task Their_jpegls_decodes_to_the_original_pixels(int layout, string tool, int near, string options)
    {
        var image = CodecTestImages.Common[layout];
        var original = CodecTestImages.Create(image, seed: layout + 1);
        var path = _oracle.Save(original, "native.dcm");
        var arguments = options.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var theirs = tool == "dcmcjpls"
            ? await _oracle.DcmtkAsync(tool, path, "theirs.dcm", arguments)
            : await _oracle.GdcmAsync(path, "theirs.dcm", arguments);
        var because = $"{image} {tool} {options}";
        Assert.Equal(near == 0 ? DicomUids.JPEGLSLossless : DicomUids.JPEGLSNearLossless, theirs.TransferSyntax.Uid);
        if (near == 0)
        {
            CodecOracle.AssertSamePixels(original, theirs, because);
            return;
        }

        Assert.InRange(CodecOracle.MaxDifference(original, theirs), 0, near);
        var dcmtk = await _oracle.DcmtkAsync("dcmdjpls", _oracle.PathOf("theirs.dcm"), "dcmtk.dcm");
        CodecOracle.AssertSamePixels(dcmtk, theirs, because + " (us vs dcmdjpls)");
    }

    /// <summary>Signed samples coded as their 12 stored bits (P = 12, dcmtk's "cooked" mode) come out as dcmdjpls and
    /// gdcmconv write them: the 12-bit pattern, not sign-extended.</summary>
    [Fact]
    public async Task A_signed_bits_stored_codestream_decodes_like_dcmdjpls_and_gdcm()
    {
        var unsigned = CodecTestImages.Create(new CodecImageLayout(48, 64, 16, 12, false, 1, "MONOCHROME2"));
        var cooked = await _oracle.DcmtkAsync("dcmcjpls", _oracle.Save(unsigned, "unsigned.dcm"), "cooked.dcm", "+pc");
        cooked.Dataset.AddOrUpdate(DicomElementFactory.Create(DicomTag.PixelRepresentation, DicomVR.US, (ushort)1));
        var path = _oracle.Save(cooked, "signed-p12.dcm");
        using var signed = DicomFile.Open(path);
        CodecOracle.AssertSamePixels(await _oracle.DcmtkAsync("dcmdjpls", path, "dcmtk.dcm"), signed, "dcmdjpls");
        CodecOracle.AssertSamePixels(await _oracle.GdcmAsync(path, "gdcm.dcm", "--raw"), signed, "gdcmconv --raw");
        var negative = new Imaging.DicomPixelData(signed.Dataset, signed.TransferSyntax).GetFrameAsFloat(0, applyModalityLut: false);
        Assert.Contains(negative, v => v < 0);
    }

    /// <summary>JPEG-LS has no colour model of its own: YBR_FULL is coded as it is (no colour transform) and decodes as
    /// YBR_FULL, the same samples dcmtk and GDCM get.</summary>
    [Fact]
    public async Task Ybr_full_is_coded_as_it_is_and_stays_ybr_full()
    {
        var original = CodecTestImages.Create(new CodecImageLayout(40, 56, 8, 8, false, 3, "YBR_FULL"));
        var ours = DicomTranscoder.Transcode(original, DicomTransferSyntax.Lookup(DicomUids.JPEGLSLossless));
        Assert.Equal("YBR_FULL", ours.Dataset.GetString(DicomTag.PhotometricInterpretation));
        CodecOracle.AssertSamePixels(original, ours, "us");
        var path = _oracle.Save(ours, "ybr.dcm");
        CodecOracle.AssertSamePixels(original, await _oracle.DcmtkAsync("dcmdjpls", path, "dcmtk.dcm"), "dcmdjpls");
        CodecOracle.AssertSamePixels(original, await _oracle.GdcmAsync(path, "gdcm.dcm", "--raw"), "gdcmconv --raw");
    }

    public void Dispose() => _oracle.Dispose();
}
