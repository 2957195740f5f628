using Airadcr.Dicom.Cli;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests.Deidentification;

/// <summary>`airadcr-dicom deidentify`: files and directory trees, the secret from a file or the environment,
/// per-file errors with a non-zero exit code, never a partly written output.</summary>
public sealed class DeidentifyCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airadcr-deid-cli-").FullName;
    private readonly string _secretFile;

    public DeidentifyCliTests()
    {
        _secretFile = Path.Combine(_dir, "secret");
        File.WriteAllBytes(_secretFile, Deid.Secret);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Stdout, string Stderr) Run(params string[] args) => CliTests.Run(args);

    private string Input(string relative, DicomDataset dataset)
    {
        var path = Path.Combine(_dir, "in", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        new DicomFile(dataset).Save(path, DicomTransferSyntax.ExplicitVRLittleEndian);
        return path;
    }

    [Fact]
    public void A_file_round_trips_with_the_same_pseudonyms_as_the_library()
    {
        var input = Input("ct.dcm", Instances.Ct(Instances.Dupont));
        var output = Path.Combine(_dir, "ct-out.dcm");

        var (code, _, stderr) = Run("deidentify", input, output, "--profile", "basic+modified-dates", "--secret-file", _secretFile);

        Assert.True(code == CliApp.Ok, stderr);
        using var file = DicomFile.Open(output);
        var (expected, _, _) = Deid.Run(Instances.Ct(Instances.Dupont), Airadcr.Dicom.Deidentification.DeidentificationOptions.Parse("basic+modified-dates"));
        Assert.Equal(expected.Dataset.Text(DicomTag.PatientID), file.Dataset.Text(DicomTag.PatientID));
        Assert.Equal(expected.Dataset.Text(DicomTag.StudyInstanceUID), file.Dataset.Text(DicomTag.StudyInstanceUID));
        Assert.Equal(expected.Dataset.Text(DicomTag.StudyDate), file.Dataset.Text(DicomTag.StudyDate));
    }

    [Fact]
    public void A_directory_is_done_file_by_file_and_failures_are_reported_without_output()
    {
        var p = Instances.Dupont;
        Input("study/ct1.dcm", Instances.Ct(p, 1, 1));
        Input("study/ct2.dcm", Instances.Ct(p, 1, 2));
        Input("study/sc.dcm", Instances.SecondaryCapture(p));
        var broken = Input("study/broken.dcm", Instances.Ct(p, 1, 3));
        File.WriteAllBytes(broken, File.ReadAllBytes(broken)[..200]);
        File.WriteAllText(Path.Combine(_dir, "in", "notes.txt"), "not DICOM");
        var output = Path.Combine(_dir, "out");
        Environment.SetEnvironmentVariable("AIRADCR_TEST_DEID_SECRET", "a-secret-from-the-environment-123");

        var (code, stdout, stderr) = Run("deidentify", Path.Combine(_dir, "in"), output, "--profile", "basic",
            "--secret-env", "AIRADCR_TEST_DEID_SECRET");
        Environment.SetEnvironmentVariable("AIRADCR_TEST_DEID_SECRET", null);

        Assert.Equal(CliApp.InvalidInput, code);
        Assert.Contains("2 de-identified, 3 failed", stdout, StringComparison.Ordinal);
        Assert.Contains("study/sc.dcm: refused: its SOP class (Secondary Capture)", stderr, StringComparison.Ordinal);
        Assert.Contains("study/broken.dcm:", stderr, StringComparison.Ordinal);
        Assert.Contains("notes.txt:", stderr, StringComparison.Ordinal);
        Assert.Equal(["ct1.dcm", "ct2.dcm"],
            Directory.EnumerateFiles(Path.Combine(output, "study")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(File.Exists(Path.Combine(output, "notes.txt")));
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            Assert.Empty(IdentifierScan.Find(File.ReadAllBytes(file), p.Identifiers()));
        }
    }

    [Fact]
    public void Pixel_rules_from_a_json_file_admit_a_covered_image()
    {
        var input = Input("sc.dcm", Instances.SecondaryCapture(Instances.Dupont));
        var rules = Path.Combine(_dir, "rules.json");
        File.WriteAllText(rules, """[{"modality": "OT", "rectangles": [{"x": 0, "y": 0, "width": 32, "height": 8}]}]""");
        var output = Path.Combine(_dir, "sc-out.dcm");

        var (code, _, stderr) = Run("deidentify", input, output, "--profile", "basic", "--secret-file", _secretFile, "--pixel-rules", rules);

        Assert.True(code == CliApp.Ok, stderr);
        using var file = DicomFile.Open(output);
        Assert.Equal("NO", file.Dataset.Text(DicomTag.BurnedInAnnotation));
    }

    [Theory]
    [InlineData("--profile", "basic")]                                                        // no secret
    [InlineData("--profile", "basic", "--secret-file", "SECRET", "--secret-env", "HOME")]     // two secrets
    [InlineData("--profile", "basic+retain-all", "--secret-file", "SECRET")]                  // unknown option
    [InlineData("--profile", "basic", "--secret", "in-clear-on-the-command-line")]            // no such option
    public void Bad_command_lines_are_usage_errors(params string[] options)
    {
        var input = Input("ct.dcm", Instances.Ct(Instances.Dupont));
        var output = Path.Combine(_dir, "out.dcm");

        var (code, _, _) = Run(["deidentify", input, output, .. options.Select(o => o == "SECRET" ? _secretFile : o)]);

        Assert.Equal(CliApp.Usage, code);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_short_secret_is_refused()
    {
        File.WriteAllText(_secretFile, "short");
        var input = Input("ct.dcm", Instances.Ct(Instances.Dupont));

        var (code, _, stderr) = Run("deidentify", input, Path.Combine(_dir, "out.dcm"), "--profile", "basic", "--secret-file", _secretFile);

        Assert.Equal(CliApp.Usage, code);
        Assert.Contains("at least 16 bytes", stderr, StringComparison.Ordinal);
    }
}
