using Airadcr.Dicom.Imaging.Codecs;
using Airadcr.Dicom.IO;
using Airadcr.LocalServers;
using Airadcr.Testing;

namespace Airadcr.Dicom.Tests.Codecs;

/// <summary>The CLI as it is installed: `dotnet publish tools/Airadcr.Dicom.Cli -c Release` writes a native executable
/// (Native AOT). It must transcode through every codec exactly as the library does in-process: the codecs' native
/// libraries (CharLS, OpenJPEG) load and nothing the codecs need was trimmed away.</summary>
public sealed class NativeCliTests(NativeCliTests.PublishedCli cli) : IClassFixture<NativeCliTests.PublishedCli>
{
    [Theory]
    [InlineData("rle", 16)]
    [InlineData("jpeg-sv1", 16)]
    [InlineData("jpeg-lossless", 12)]
    [InlineData("jpegls", 16)]
    [InlineData("j2k-lossless", 16)]
    [InlineData("jpeg", 8)]
    [InlineData("j2k", 8)]
    public async Task The_native_cli_encodes_and_decodes_like_the_library(string syntax, int bits)
    {
        var layout = bits == 8
            ? new CodecImageLayout(48, 64, 8, 8, false, 3, "RGB", Frames: 2)
            : new CodecImageLayout(64, 80, 16, bits, bits == 16, 1, "MONOCHROME2", Frames: 3);
        using var work = new CodecOracle();
        var original = work.Save(CodecTestImages.Create(layout, seed: 19), "original.dcm");

        await cli.TranscodeAsync(original, work.PathOf("encoded.dcm"), syntax);
        await cli.TranscodeAsync(work.PathOf("encoded.dcm"), work.PathOf("decoded.dcm"), "explicit");

        var encoded = DicomFile.Open(work.PathOf("encoded.dcm"));
        Assert.NotEqual(DicomTransferSyntax.ExplicitVRLittleEndian.Uid, encoded.TransferSyntax.Uid);
        var inProcess = DicomTranscoder.Transcode(encoded, DicomTransferSyntax.ExplicitVRLittleEndian);
        CodecOracle.AssertSamePixels(inProcess, DicomFile.Open(work.PathOf("decoded.dcm")), $"native {syntax} decode vs in-process");
        if (!DicomCodecs.Find(encoded.TransferSyntax.Uid)!.IsLossy)
        {
            CodecOracle.AssertSamePixels(DicomFile.Open(original), DicomFile.Open(work.PathOf("decoded.dcm")), $"native {syntax} round trip");
        }
    }

    /// <summary>`deidentify --pixel-rules` reads its JSON in the native executable too (reflection-based
    /// System.Text.Json is off under Native AOT: the rules are read with source-generated JSON), and writes what the
    /// library writes in-process.</summary>
    [Fact]
    public async Task The_native_cli_deidentifies_with_clean_pixel_rules_like_the_library()
    {
        using var work = new CodecOracle();
        var original = work.Save(new DicomFile(Deidentification.Instances.Ultrasound(Deidentification.Instances.Dupont)), "us.dcm");
        var secret = work.PathOf("secret");
        await File.WriteAllBytesAsync(secret, Deidentification.Deid.Secret, TestContext.Current.CancellationToken);
        var rules = work.PathOf("rules.json");
        await File.WriteAllTextAsync(rules, """[{"modality": "US", "rectangles": [{"x": 0, "y": 0, "width": 32, "height": 4}]}]""",
            TestContext.Current.CancellationToken);

        await cli.RunAsync(["deidentify", original, work.PathOf("out.dcm"), "--profile", "basic", "--secret-file", secret, "--pixel-rules", rules]);

        var options = Airadcr.Dicom.Deidentification.DeidentificationOptions.Basic with
        {
            CleanPixelRules = Airadcr.Dicom.Deidentification.CleanPixelRules.FromJson(await File.ReadAllTextAsync(rules, TestContext.Current.CancellationToken)),
        };
        using var input = DicomFile.Open(original);
        var inProcess = DicomFileWriter.ToArray(new Airadcr.Dicom.Deidentification.DicomDeidentifier(options, Deidentification.Deid.Secret).Deidentify(input).File);
        Assert.Equal(inProcess, await File.ReadAllBytesAsync(work.PathOf("out.dcm"), TestContext.Current.CancellationToken));
    }

    /// <summary>`rtstruct IN_DIR --out OUT` in the native executable (source-generated summary JSON, parallel ROIs) writes
    /// byte for byte what Airadcr.RtStruct writes in-process: summary.json, NIfTI masks and STL meshes.</summary>
    [Fact]
    public async Task The_native_cli_processes_a_structure_set_like_the_library()
    {
        using var work = new CodecOracle();
        var grid = new SyntheticCtGrid(Columns: 40, Rows: 40, Slices: 16, PixelSpacingMm: 1, SliceSpacingMm: 2, X0: -20, Y0: -20, Z0: -16);
        var study = SyntheticRtStudy.Write(work.PathOf("study"), grid,
            [new SyntheticSphere("Sphere", 0.3, 0.2, 0.1, 9), new SyntheticBox("Box", -15.5, -15.5, -9, -5.5, -5.5, 9)]);
        await cli.RunAsync(["rtstruct", study.Directory, "--out", work.PathOf("native")]);
        await Airadcr.RtStruct.RtStructProcessor.ProcessAsync(study.StructureSetFile, study.ImageFiles, work.PathOf("library"),
            Airadcr.RtStruct.RtStructOptions.Default, TestContext.Current.CancellationToken);
        var written = Directory.GetFiles(work.PathOf("library")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["roi-1.nii.gz", "roi-1.stl", "roi-2.nii.gz", "roi-2.stl", "summary.json"], written);
        foreach (var name in written)
        {
            Assert.Equal(await File.ReadAllBytesAsync(work.PathOf(Path.Combine("library", name!)), TestContext.Current.CancellationToken),
                await File.ReadAllBytesAsync(work.PathOf(Path.Combine("native", name!)), TestContext.Current.CancellationToken));
        }
    }

    /// <summary>Publishes the CLI once per run, into a temporary folder, as README.md tells users to.</summary>
    public sealed class PublishedCli : IAsyncLifetime
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "airadcr-native-cli-" + Guid.NewGuid().ToString("N"));

        private string Executable => Path.Combine(_folder, "airadcr-dicom");

        public async ValueTask InitializeAsync()
        {
            var project = Path.Combine(BuiltProject.RepositoryRoot() ?? throw new InvalidOperationException("Airadcr.sln not found upwards"),
                "tools", "Airadcr.Dicom.Cli");
            using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(15));
            var result = await ExternalTool.RunAsync("dotnet", "dotnet-sdk-10.0",
                ["publish", project, "-c", "Release", "-o", _folder, "--nologo"], hangGuard.Token);
            Assert.True(result.ExitCode == 0 && File.Exists(Executable),
                $"`dotnet publish {project} -c Release` failed (Native AOT links with clang: apt install clang zlib1g-dev): {result.StandardOutput}{result.StandardError}");
        }

        public Task TranscodeAsync(string input, string output, string syntax) =>
            RunAsync(["transcode", input, output, "--ts", syntax]);

        public async Task RunAsync(string[] arguments)
        {
            using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var result = await ExternalTool.RunExecutableAsync(Executable, arguments, hangGuard.Token);
            Assert.True(result.ExitCode == 0, $"airadcr-dicom {string.Join(' ', arguments)} failed: {result.StandardOutput}{result.StandardError}");
        }

        public ValueTask DisposeAsync()
        {
            Directory.Delete(_folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
