using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.IO;
using Airadcr.Testing;

namespace Airadcr.Dicom.Tests.Codecs;

/// <summary>Independent implementations our codecs are checked against: dcmtk's and GDCM's command-line
/// (de)compressors, run on files in a per-test folder.</summary>
public sealed class CodecOracle : IDisposable
{
    public const string GdcmPackage = "libgdcm-tools";

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "airadcr-codec-" + Guid.NewGuid().ToString("N"));

    public string PathOf(string name) => Path.Combine(Directory, name);

    public string Save(DicomFile file, string name) => CodecTestImages.Save(file, Directory, name);

    /// <summary>Runs a dcmtk tool IN OUT (e.g. dcmdjpeg, dcmcjpls +ee) and opens OUT.</summary>
    public async Task<DicomFile> DcmtkAsync(string tool, string input, string output, params string[] options)
    {
        var result = await DcmtkTools.RunAsync(tool, [.. options, input, PathOf(output)], TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, $"{tool} {string.Join(' ', options)} failed: {result.StandardError}{result.StandardOutput}");
        return DicomFile.Open(PathOf(output));
    }

    /// <summary>Runs gdcmconv with options (e.g. --raw, --j2k, --jpegls, --jpeg, --rle) IN OUT and opens OUT.</summary>
    public async Task<DicomFile> GdcmAsync(string input, string output, params string[] options)
    {
        var result = await ExternalTool.RunAsync("gdcmconv", GdcmPackage, [.. options, input, PathOf(output)], TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, $"gdcmconv {string.Join(' ', options)} failed: {result.StandardError}{result.StandardOutput}");
        return DicomFile.Open(PathOf(output));
    }

    /// <summary>Every frame of both files decodes to the same samples in the same layout.</summary>
    public static void AssertSamePixels(DicomFile expected, DicomFile actual, string because)
    {
        var a = new DicomPixelData(expected.Dataset, expected.TransferSyntax);
        var b = new DicomPixelData(actual.Dataset, actual.TransferSyntax);
        Assert.True(a.Info with { PlanarConfiguration = 0 } == b.Info with { PlanarConfiguration = 0 },
            $"{because}: layout {a.Info} vs {b.Info}");
        for (var frame = 0; frame < a.FrameCount; frame++)
        {
            var x = a.GetContainerValues(frame);
            var y = b.GetContainerValues(frame);
            var first = x.AsSpan().CommonPrefixLength(y);
            Assert.True(first == x.Length && x.Length == y.Length,
                $"{because}: frame {frame} differs at sample {first} of {x.Length} ({(first < x.Length ? x[first] : 0)} vs {(first < y.Length ? y[first] : 0)})");
        }
    }

    /// <summary>The largest absolute sample difference between two files' frames (lossy codecs).</summary>
    public static long MaxDifference(DicomFile expected, DicomFile actual)
    {
        var a = new DicomPixelData(expected.Dataset, expected.TransferSyntax);
        var b = new DicomPixelData(actual.Dataset, actual.TransferSyntax);
        long max = 0;
        for (var frame = 0; frame < a.FrameCount; frame++)
        {
            var x = a.GetContainerValues(frame);
            var y = b.GetContainerValues(frame);
            Assert.Equal(x.Length, y.Length);
            for (var i = 0; i < x.Length; i++)
            {
                max = Math.Max(max, Math.Abs(x[i] - y[i]));
            }
        }

        return max;
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
