using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.Imaging.Codecs;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests.Codecs;

/// <summary>JPEG Baseline and Extended: dcmtk's codestreams decode with us within a small tolerance of dcmdjpeg's own
/// decoding (floating point and integer IDCTs round differently; chroma is upsampled as libjpeg does, see
/// <see cref="Imaging.Codecs.Jpeg.JpegFancyUpsampling"/>); ours decode with dcmdjpeg and GDCM within a stated tolerance of the original.</summary>
public sealed class JpegLossyCodecTests : IDisposable
{
    /// <summary>8-bit grey: IDCT rounding only (1 seen).</summary>
    public const int GreyTolerance8 = 2;

    /// <summary>8-bit colour, 4:4:4, 4:2:2 and 4:2:0: IDCT, upsampling and YCbCr rounding (2 seen).</summary>
    public const int ColourTolerance8 = 3;

    /// <summary>12-bit grey: IDCT rounding (1 seen).</summary>
    public const int GreyTolerance12 = 2;

    private readonly CodecOracle _oracle = new();

    /// <summary>Layouts (of <see cref="CodecTestImages.Common"/> and <see cref="JpegTestData.BaselineLayouts"/>) and
    /// dcmcjpeg options.</summary>
    public static TheoryData<string, string> DcmtkCases => new()
    {
        { "50x70 8 MONOCHROME2", "+eb" },
        { "7x13 8 MONOCHROME2", "+eb" },
        { "40x56 8 RGB", "+eb" },
        { "40x56 8 RGB", "+eb +s4" },
        { "40x56 8 RGB", "+eb +cr" },
        { "19x21 8 RGB x2", "+eb +n2" },
        { "19x21 8 RGB x2", "+eb +np" },
        { "61x47 12 MONOCHROME2", "+ee" },
        { "50x70 8 MONOCHROME2", "+ee" },
    };

    [Theory]
    [MemberData(nameof(DcmtkCases))]
    public async Task Dcmtk_lossy_jpeg_decodes_within_tolerance_of_dcmdjpeg(string layout, string options)
    {
        var original = Find(layout);
        var path = _oracle.Save(original, "native.dcm");
        var theirs = await _oracle.DcmtkAsync("dcmcjpeg", path, "dcmtk.dcm", [.. options.Split(' '), "+un"]);
        var reference = await _oracle.DcmtkAsync("dcmdjpeg", _oracle.PathOf("dcmtk.dcm"), "dcmdjpeg.dcm");
        var ours = new DicomPixelData(theirs.Dataset, theirs.TransferSyntax);
        Assert.Equal(new DicomPixelData(reference.Dataset, reference.TransferSyntax).Info.Photometric, ours.Info.Photometric);
        var tolerance = ours.Info.SamplesPerPixel == 3 ? ColourTolerance8 : ours.Info.BitsStored > 8 ? GreyTolerance12 : GreyTolerance8;
        var difference = CodecOracle.MaxDifference(reference, theirs);
        Assert.True(difference <= tolerance, $"{layout} {options}: ours differs from dcmdjpeg by up to {difference} (tolerance {tolerance})");
    }

    public static TheoryData<int> BaselineLayouts => JpegTestData.Indices(JpegTestData.BaselineLayouts);

    [Theory]
    [MemberData(nameof(BaselineLayouts))]
    public async Task Our_baseline_jpeg_decodes_with_dcmtk_and_gdcm_within_tolerance_of_the_original(int layout)
    {
        var original = JpegTestData.Create(JpegTestData.BaselineLayouts, layout);
        var ours = DicomTranscoder.Transcode(original, JpegTestData.Baseline, new DicomCodecOptions(Quality: 95));
        var colour = JpegTestData.BaselineLayouts[layout].SamplesPerPixel == 3;
        Assert.Equal(colour ? "YBR_FULL" : "MONOCHROME2", ours.Dataset.GetString(DicomTag.PhotometricInterpretation));
        Assert.Equal("01", ours.Dataset.GetString(DicomTag.LossyImageCompression));
        var path = _oracle.Save(ours, "ours.dcm");
        var dcmtk = await _oracle.DcmtkAsync("dcmdjpeg", path, "dcmtk.dcm");
        var because = JpegTestData.BaselineLayouts[layout].ToString();
        var tolerance = colour ? OriginalColourTolerance : OriginalGreyTolerance;
        Assert.True(CodecOracle.MaxDifference(original, dcmtk) is var d && d <= tolerance, $"{because}: dcmdjpeg's decoding differs from the original by up to {d}");
        Assert.True(CodecOracle.MaxDifference(dcmtk, ours) is var e && e <= (colour ? ColourTolerance8 : GreyTolerance8), $"{because}: ours differs from dcmdjpeg by up to {e}");
        if (!colour)
        {
            // gdcmconv --raw keeps YBR_FULL samples as they are (no RGB), and fails to write multi-frame YBR_FULL.
            var gdcm = await _oracle.GdcmAsync(path, "gdcm.dcm", "--raw");
            Assert.True(CodecOracle.MaxDifference(dcmtk, gdcm) is var g && g <= GreyTolerance8, $"{because}: gdcmconv's decoding differs from dcmdjpeg's by up to {g}");
        }
    }

    [Fact]
    public void Quality_trades_size_for_fidelity()
    {
        var original = JpegTestData.Create(JpegTestData.BaselineLayouts, 0);
        var low = DicomTranscoder.Transcode(original, JpegTestData.Baseline, new DicomCodecOptions(Quality: 30));
        var high = DicomTranscoder.Transcode(original, JpegTestData.Baseline, new DicomCodecOptions(Quality: 98));
        Assert.True(Size(low) < Size(high), $"{Size(low)} bytes at quality 30, {Size(high)} at 98");
        Assert.True(MeanDifference(original, low) > MeanDifference(original, high));
    }

    /// <summary>Quality 95, the noise and edges of <see cref="CodecTestImages"/> included (7 seen).</summary>
    public const int OriginalGreyTolerance = 10;

    /// <summary>Quality 95 through YCbCr 4:4:4 (20 seen on the 19x21 image).</summary>
    public const int OriginalColourTolerance = 24;

    private static long Size(DicomFile file) => ((DicomFragmentSequence)file.Dataset[DicomTag.PixelData]!).Fragments.Sum(f => (long)f.Length);

    private static double MeanDifference(DicomFile expected, DicomFile actual)
    {
        var a = new DicomPixelData(expected.Dataset, expected.TransferSyntax);
        var b = new DicomPixelData(actual.Dataset, actual.TransferSyntax);
        double sum = 0;
        long count = 0;
        for (var frame = 0; frame < a.FrameCount; frame++)
        {
            var x = a.GetContainerValues(frame);
            var y = b.GetContainerValues(frame);
            for (var i = 0; i < x.Length; i++, count++)
            {
                sum += Math.Abs(x[i] - y[i]);
            }
        }

        return sum / count;
    }

    private static DicomFile Find(string name)
    {
        var layouts = CodecTestImages.Common.Concat(JpegTestData.BaselineLayouts).ToList();
        var index = layouts.FindIndex(l => $"{l.Rows}x{l.Columns} {l.BitsStored} {l.Photometric}{(l.Frames > 1 ? $" x{l.Frames}" : "")}" == name);
        Assert.True(index >= 0, name);
        return CodecTestImages.Create(layouts[index], seed: 7);
    }

    public void Dispose() => _oracle.Dispose();
}
