using Airadcr.Dicom.Cli;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests;

/// <summary>`airadcr-dicom` commands and exit codes (0 ok, 1 invalid input with a message on stderr, 2 usage).</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airadcr-dicom-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Dump_lists_elements_like_dcmdump()
    {
        var (code, stdout, _) = Run("dump", Corpus.PathOf("test_files/CT_small.dcm"));
        Assert.Equal(CliApp.Ok, code);
        Assert.Contains("(0010,0010) PN [CompressedSamples^CT1]", stdout, StringComparison.Ordinal);
        Assert.Contains("# Used TransferSyntax: Explicit VR Little Endian", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("implicit", "1.2.840.10008.1.2")]
    [InlineData("explicit", "1.2.840.10008.1.2.1")]
    [InlineData("big", "1.2.840.10008.1.2.2")]
    [InlineData("deflate", "1.2.840.10008.1.2.1.99")]
    public void Transcode_writes_the_requested_syntax_and_dcmdump_reads_it(string ts, string uid)
    {
        var output = Path.Combine(_dir, $"{ts}.dcm");
        Assert.Equal(CliApp.Ok, Run("transcode", Corpus.PathOf("test_files/MR_small.dcm"), output, "--ts", ts).Code);
        using (var file = DicomFile.Open(output))
        {
            Assert.Equal(uid, file.TransferSyntax.Uid);
        }

        var (rc, stdout, stderr) = Corpus.Run("dcmdump", "-Un", output);
        Assert.True(rc == 0 && !stderr.Contains("E: ", StringComparison.Ordinal), stderr);
        Assert.Contains(uid, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_reports_problems_with_exit_code_1()
    {
        Assert.Equal(CliApp.Ok, Run("validate", Corpus.PathOf("test_files/MR_small.dcm")).Code);
        var (code, stdout, _) = Run("validate", Corpus.PathOf("test_files/badVR.dcm"));
        Assert.Equal(CliApp.InvalidInput, code);
        Assert.Contains("issue(s)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Pixels_writes_a_png()
    {
        var output = Path.Combine(_dir, "ct.png");
        Assert.Equal(CliApp.Ok, Run("pixels", Corpus.PathOf("test_files/CT_small.dcm"), "--png", output).Code);
        var png = File.ReadAllBytes(output);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(128, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
    }

    [Fact]
    public void Transcode_compresses_and_decompresses_pixel_data()
    {
        var rle = Path.Combine(_dir, "ct-rle.dcm");
        var back = Path.Combine(_dir, "ct-explicit.dcm");
        Assert.Equal(CliApp.Ok, Run("transcode", Corpus.PathOf("test_files/CT_small.dcm"), rle, "--ts", "rle").Code);
        Assert.Equal(CliApp.Ok, Run("transcode", rle, back, "--ts", DicomUids.ExplicitVRLittleEndian).Code);
        using var original = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm"));
        using var compressed = DicomFile.Open(rle);
        using var decompressed = DicomFile.Open(back);
        Assert.Equal(DicomUids.RLELossless, compressed.TransferSyntax.Uid);
        Codecs.CodecOracle.AssertSamePixels(original, compressed, "rle");
        Codecs.CodecOracle.AssertSamePixels(original, decompressed, "explicit");
    }

    [Fact]
    public void Invalid_input_exits_1_with_a_message()
    {
        var (code, _, stderr) = Run("dump", Corpus.PathOf("test_files/MR_truncated.dcm"));
        Assert.Equal(CliApp.InvalidInput, code);
        Assert.Contains("(7FE0,0010) length 8192 exceeds", stderr, StringComparison.Ordinal);
        Assert.Equal(CliApp.InvalidInput, Run("dump", Path.Combine(_dir, "missing.dcm")).Code);
        var partTwo = File.ReadAllBytes(Corpus.PathOf("test_files/JPEG2000.dcm")); // relabelled JPEG 2000 Part 2: no codec here
        "1.2.840.10008.1.2.4.93"u8.CopyTo(partTwo.AsSpan(partTwo.AsSpan().IndexOf("1.2.840.10008.1.2.4.91"u8)));
        File.WriteAllBytes(Path.Combine(_dir, "part2.dcm"), partTwo);
        var (pixelsCode, _, pixelsError) = Run("pixels", Path.Combine(_dir, "part2.dcm"), "--png", Path.Combine(_dir, "x.png"));
        Assert.Equal(CliApp.InvalidInput, pixelsCode);
        Assert.Contains("not decodable", pixelsError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate", "x")]
    [InlineData("transcode", "a.dcm", "b.dcm", "--ts", "jpeg2")]
    [InlineData("transcode", "a.dcm", "b.dcm", "--ts", "j2k", "--ratio", "0")]
    [InlineData("dump", "a.dcm", "--bogus", "1")]
    public void Bad_command_lines_exit_2(params string[] args)
    {
        var (code, _, stderr) = Run(args);
        Assert.Equal(CliApp.Usage, code);
        Assert.Contains("usage: airadcr-dicom", stderr, StringComparison.Ordinal);
    }
}
