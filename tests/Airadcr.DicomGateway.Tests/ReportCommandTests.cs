using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary><c>Airadcr.DicomGateway report DIR --out OUT</c>: the four artefacts of a study, analysed in-process.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("report-command");

    [Fact]
    public async Task Writes_the_ai_sr_pdf_encapsulated_pdf_and_fhir_of_a_study_folder()
    {
        var ct = TestContext.Current.CancellationToken;
        SyntheticInstances.CtVolume(_directory.Combine("study"), slices: 8);
        var output = _directory.Combine("out");

        var result = await ExternalTool.RunAsync("dotnet", "dotnet-sdk-10.0",
            [Path.Combine(AppContext.BaseDirectory, "Airadcr.DicomGateway.dll"), "report", _directory.Combine("study"), "--out", output], ct);

        result.EnsureSuccess();
        foreach (var name in new[] { "ai-sr.dcm", "report.pdf", "report-pdf.dcm", "diagnostic-report.json" })
        {
            Assert.True(File.Exists(Path.Combine(output, name)), $"{name} missing");
        }
        var dump = (await ExternalTool.RunAsync("dsrdump", "dcmtk", [Path.Combine(output, "ai-sr.dcm")], ct)).EnsureSuccess();
        Assert.Contains("Imaging Measurement Report", dump.StandardOutput);
        Assert.Contains("\"DiagnosticReport\"", await File.ReadAllTextAsync(Path.Combine(output, "diagnostic-report.json"), ct));
        Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(Path.Combine(output, "report.pdf"), ct))[..4]);
    }

    [Fact]
    public async Task A_folder_without_dicom_is_exit_code_1_with_the_reason()
    {
        Directory.CreateDirectory(_directory.Combine("empty"));
        await File.WriteAllTextAsync(_directory.Combine("empty", "notes.txt"), "not dicom", TestContext.Current.CancellationToken);

        var result = await ExternalTool.RunAsync("dotnet", "dotnet-sdk-10.0",
            [Path.Combine(AppContext.BaseDirectory, "Airadcr.DicomGateway.dll"), "report", _directory.Combine("empty"), "--out", _directory.Combine("o")],
            TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("exactly one study", result.StandardError);
    }

    public void Dispose() => _directory.Dispose();
}
