using Airadcr.Reporting.Model;
using Airadcr.Reporting.Sr;
using Airadcr.Testing;

namespace Airadcr.Reporting.Tests;

/// <summary>
/// Issue 24, item 1: a signed report says what became of each AI finding (kept, changed, removed) as TEXT Finding items
/// of its Findings section, and stays valid for dciodvfy, PixelMed's SR validator and dsrdump.
/// </summary>
public sealed class SignedReportAiReviewTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("signed-ai-review");

    [Fact]
    public async Task Each_AI_finding_review_is_a_finding_of_the_signed_report_and_validators_accept_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = _directory.Combine("signed-sr.dcm");
        var reviews = new[] { "Résultat IA 1 (Nodule, LSD) : conservé", "Résultat IA 2 (Calcification) : supprimé" };
        var report = SampleReports.Report(signature: new ReportSignature("DR^Relecteur", DateTimeOffset.UtcNow, "CHU Test")) with { AiFindingReviews = reviews };

        SignedReportWriter.Write(report).Save(path);

        Assert.Empty(await Validators.DciodvfyErrorsAsync(path, ct));
        Assert.DoesNotContain("Error", await Validators.PixelMedSrValidatorAsync(path, ct), StringComparison.Ordinal);
        var dump = (await ExternalTool.RunAsync("dsrdump", "dcmtk", ["+Pl", path], ct)).EnsureSuccess().StandardOutput;
        var findingsSection = dump.IndexOf("Findings", StringComparison.Ordinal);
        Assert.True(findingsSection >= 0, dump);
        Assert.All(reviews, review => Assert.Contains($"\"{review}\"", dump[findingsSection..], StringComparison.Ordinal));
    }

    public void Dispose() => _directory.Dispose();
}
