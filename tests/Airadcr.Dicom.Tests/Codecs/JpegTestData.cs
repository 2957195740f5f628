using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests.Codecs;

/// <summary>Layouts and syntaxes of the JPEG codec tests.</summary>
public static class JpegTestData
{
    public static DicomTransferSyntax Baseline => DicomTransferSyntax.Lookup(DicomUids.JPEGBaseline8Bit);

    public static DicomTransferSyntax Extended => DicomTransferSyntax.Lookup(DicomUids.JPEGExtended12Bit);

    public static DicomTransferSyntax Lossless => DicomTransferSyntax.Lookup(DicomUids.JPEGLossless);

    public static DicomTransferSyntax LosslessSV1 => DicomTransferSyntax.Lookup(DicomUids.JPEGLosslessSV1);

    /// <summary>The common layouts, plus 8-bit odd sizes (one pixel, narrower than a block, odd RGB) and 2-bit data.</summary>
    public static IReadOnlyList<CodecImageLayout> LosslessLayouts { get; } =
    [
        .. CodecTestImages.Common,
        new(1, 1, 8, 8, false, 1, "MONOCHROME2"),
        new(7, 13, 8, 8, false, 1, "MONOCHROME2"),
        new(9, 5, 8, 8, false, 3, "RGB"),
        new(17, 3, 8, 6, false, 1, "MONOCHROME2"),
        new(11, 9, 16, 15, true, 1, "MONOCHROME2"),
    ];

    /// <summary>8-bit layouts JPEG Baseline takes.</summary>
    public static IReadOnlyList<CodecImageLayout> BaselineLayouts { get; } =
    [
        new(50, 70, 8, 8, false, 1, "MONOCHROME2"),
        new(7, 13, 8, 8, false, 1, "MONOCHROME2"),
        new(40, 56, 8, 8, false, 3, "RGB"),
        new(19, 21, 8, 8, false, 3, "RGB", Frames: 2),
    ];

    public static TheoryData<int> Indices(IReadOnlyList<CodecImageLayout> layouts) => [.. Enumerable.Range(0, layouts.Count)];

    public static DicomFile Create(IReadOnlyList<CodecImageLayout> layouts, int index) =>
        CodecTestImages.Create(layouts[index], seed: index + 1);

    /// <summary>Every frame holds the same stored values (Bits Stored, sign-extended): dcmtk leaves the bits above
    /// High Bit of signed data zero where the original had them set, which PS3.5 8.1.1 allows.</summary>
    public static void AssertSameStoredValues(DicomFile expected, DicomFile actual, string because)
    {
        var a = new DicomPixelData(expected.Dataset, expected.TransferSyntax);
        var b = new DicomPixelData(actual.Dataset, actual.TransferSyntax);
        Assert.True(a.Info with { PlanarConfiguration = 0 } == b.Info with { PlanarConfiguration = 0 }, $"{because}: layout {a.Info} vs {b.Info}");
        for (var frame = 0; frame < a.FrameCount; frame++)
        {
            var x = a.GetFrameAsFloat(frame, applyModalityLut: false);
            var y = b.GetFrameAsFloat(frame, applyModalityLut: false);
            var first = x.AsSpan().CommonPrefixLength(y);
            Assert.True(first == x.Length && x.Length == y.Length,
                $"{because}: frame {frame} differs at sample {first} of {x.Length} ({(first < x.Length ? x[first] : 0)} vs {(first < y.Length ? y[first] : 0)})");
        }
    }

    /// <summary>The first frame's native samples and layout.</summary>
    public static (byte[] Frame, DicomImageInfo Info) FirstFrame(DicomFile file)
    {
        var pixels = new DicomPixelData(file.Dataset, file.TransferSyntax);
        return (pixels.GetFrameBytes(0).ToArray(), pixels.Info);
    }
}
