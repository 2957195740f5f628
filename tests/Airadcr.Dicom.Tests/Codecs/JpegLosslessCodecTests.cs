using Airadcr.Dicom.Imaging.Codecs;
using Airadcr.Dicom.Imaging.Codecs.Jpeg;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests.Codecs;

/// <summary>Lossless JPEG (Process 14): what we encode, dcmtk and GDCM decode to the original pixels; what they encode
/// (every selection value, point transform, restart intervals), we decode to the pixels they decode.</summary>
public sealed class JpegLosslessCodecTests : IDisposable
{
    private readonly CodecOracle _oracle = new();

    public static TheoryData<int, string> LayoutsAndSyntaxes
    {
        get
        {
            var data = new TheoryData<int, string>();
            for (var i = 0; i < JpegTestData.LosslessLayouts.Count; i++)
            {
                data.Add(i, DicomUids.JPEGLosslessSV1);
                data.Add(i, DicomUids.JPEGLossless);
            }

            return data;
        }
    }

    public static TheoryData<int> Layouts => JpegTestData.Indices(JpegTestData.LosslessLayouts);

    public static TheoryData<int, int> LayoutsAndPredictors
    {
        get
        {
            var data = new TheoryData<int, int>();
            foreach (var layout in new[] { 0, 1, 3, 4, 5, 6 })
            {
                for (var predictor = 1; predictor <= 7; predictor++)
                {
                    data.Add(layout, predictor);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(LayoutsAndSyntaxes))]
    public async Task Our_lossless_jpeg_is_decoded_by_dcmtk_and_gdcm_to_the_same_pixels(int layout, string syntax)
    {
        var original = JpegTestData.Create(JpegTestData.LosslessLayouts, layout);
        var ours = DicomTranscoder.Transcode(original, DicomTransferSyntax.Lookup(syntax));
        var path = _oracle.Save(ours, "ours.dcm");
        var because = $"{JpegTestData.LosslessLayouts[layout]} in {syntax}";
        CodecOracle.AssertSamePixels(original, ours, because + " (ours)");
        JpegTestData.AssertSameStoredValues(original, await _oracle.DcmtkAsync("dcmdjpeg", path, "dcmtk.dcm"), because + " (dcmdjpeg)");
        if (JpegTestData.LosslessLayouts[layout] is not { BitsAllocated: 8, BitsStored: < 8 })
        {
            // gdcmconv 3.0 asserts (Bits Allocated == Bits Stored) on such files, dcmcjpeg's included.
            JpegTestData.AssertSameStoredValues(original, await _oracle.GdcmAsync(path, "gdcm.dcm", "--raw"), because + " (gdcmconv --raw)");
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Dcmtk_sv1_and_gdcm_lossless_jpeg_decode_to_the_original_pixels(int layout)
    {
        var original = JpegTestData.Create(JpegTestData.LosslessLayouts, layout);
        var path = _oracle.Save(original, "native.dcm");
        var because = JpegTestData.LosslessLayouts[layout].ToString();
        var dcmtk = await _oracle.DcmtkAsync("dcmcjpeg", path, "dcmtk.dcm", "+e1", "+un");
        CodecOracle.AssertSamePixels(await _oracle.DcmtkAsync("dcmdjpeg", _oracle.PathOf("dcmtk.dcm"), "dcmdjpeg.dcm"), dcmtk, because + " (dcmcjpeg +e1, as dcmdjpeg decodes it)");
        if (!IsMultiFramePlanar(layout))
        {
            CodecOracle.AssertSamePixels(original, dcmtk, because + " (dcmcjpeg +e1)");
        }

        CodecOracle.AssertSamePixels(original, await _oracle.GdcmAsync(path, "gdcm.dcm", "--jpeg"), because + " (gdcmconv --jpeg)");
    }

    /// <summary>JpegLibrary 0.4.32 mispredicts the first line for selection values 2, 3, 6 and 7 and 16-bit samples
    /// for 5-7; <see cref="JpegLosslessPrediction"/> redoes the prediction, and this checks it on dcmtk's codestreams.</summary>
    [Theory]
    [MemberData(nameof(LayoutsAndPredictors))]
    public async Task Dcmtk_lossless_jpeg_of_every_selection_value_decodes_to_the_original_pixels(int layout, int predictor)
    {
        var original = JpegTestData.Create(JpegTestData.LosslessLayouts, layout);
        var path = _oracle.Save(original, "native.dcm");
        var theirs = await _oracle.DcmtkAsync("dcmcjpeg", path, "dcmtk.dcm", "+el", "+sv", $"{predictor}", "+un");
        Assert.Equal(DicomUids.JPEGLossless, theirs.TransferSyntax.Uid);
        var because = $"{JpegTestData.LosslessLayouts[layout]} predictor {predictor}";
        CodecOracle.AssertSamePixels(await _oracle.DcmtkAsync("dcmdjpeg", _oracle.PathOf("dcmtk.dcm"), "dcmdjpeg.dcm"), theirs, because + " (as dcmdjpeg decodes it)");
        if (!IsMultiFramePlanar(layout))
        {
            CodecOracle.AssertSamePixels(original, theirs, because);
        }
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 1)]
    public async Task Dcmtk_lossless_jpeg_with_a_point_transform_decodes_as_dcmdjpeg_decodes_it(int layout, int pointTransform)
    {
        var original = JpegTestData.Create(JpegTestData.LosslessLayouts, layout);
        var path = _oracle.Save(original, "native.dcm");
        var theirs = await _oracle.DcmtkAsync("dcmcjpeg", path, "dcmtk.dcm", "+el", "+sv", "1", "+pt", $"{pointTransform}", "+un");
        var decoded = await _oracle.DcmtkAsync("dcmdjpeg", _oracle.PathOf("dcmtk.dcm"), "decoded.dcm");
        CodecOracle.AssertSamePixels(decoded, theirs, $"{JpegTestData.LosslessLayouts[layout]} Pt {pointTransform}");
        Assert.True(CodecOracle.MaxDifference(original, theirs) > 0, "a point transform drops low bits");
    }

    /// <summary>Restart intervals of whole lines (libjpeg refuses others), a whole number of them in the frame or
    /// not (JpegLibrary 0.4.32 drops the last rows when the last interval ends the scan: JpegFinalRestart), one and
    /// three components: dcmdjpeg takes our codestream as valid and decodes the original, and so do we.</summary>
    [Theory]
    [InlineData(4, 70)]
    [InlineData(4, 140)]
    [InlineData(4, 210)]
    [InlineData(0, 80)]
    [InlineData(0, 160)]
    [InlineData(0, 240)]
    [InlineData(5, 56)]
    public async Task Lossless_jpeg_with_restart_intervals_decodes_as_dcmdjpeg_does(int layout, int restartInterval)
    {
        var original = JpegTestData.Create(JpegTestData.LosslessLayouts, layout);
        var (frame, info) = JpegTestData.FirstFrame(original);
        var codestream = JpegLosslessEncoder.Encode(frame, info, restartInterval);
        Assert.Contains(codestream.Index().Skip(1), b => b.Item == 0xD0 && codestream[b.Index - 1] == 0xFF);

        var dataset = new DicomDataset(original.Dataset);
        dataset.Remove(DicomTag.NumberOfFrames);
        byte[] padded = codestream.Length % 2 == 0 ? codestream : [.. codestream, 0];
        dataset.AddOrUpdate(new DicomFragmentSequence(DicomTag.PixelData, DicomVR.OB, Array.Empty<byte>(), new List<ReadOnlyMemory<byte>> { padded }));
        var path = _oracle.Save(new DicomFile(dataset, DicomFileWriter.BuildMeta(original.Meta, dataset, JpegTestData.LosslessSV1)), "restart.dcm");
        var dcmtk = await _oracle.DcmtkAsync("dcmdjpeg", path, "dcmtk.dcm");
        Assert.Equal(frame, JpegTestData.FirstFrame(dcmtk).Frame);
        Assert.Equal(frame, DicomCodecs.Find(DicomUids.JPEGLosslessSV1)!.Decode(codestream, info));
    }

    /// <summary>dcmcjpeg (dcmtk 3.6.x) garbles multi-frame colour-by-plane input: its own dcmdjpeg does not get the
    /// original back. Those files are checked against dcmdjpeg's decoding only.</summary>
    private static bool IsMultiFramePlanar(int layout) =>
        JpegTestData.LosslessLayouts[layout] is { Frames: > 1, PlanarConfiguration: 1 };

    public void Dispose() => _oracle.Dispose();
}
