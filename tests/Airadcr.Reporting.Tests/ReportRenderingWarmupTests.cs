using Airadcr.Reporting.Model;

namespace Airadcr.Reporting.Tests;

public sealed class ReportRenderingWarmupTests
{
    [Theory]
    [InlineData(ReportLanguage.French)]
    [InlineData(ReportLanguage.English)]
    public void The_synthetic_warm_up_report_renders_every_artefact(ReportLanguage language)
    {
        // Any artefact the synthetic document could not make (an invalid UID, a finding the SR rejects) throws here.
        ReportRenderingWarmup.Run(language);
    }

    [Fact]
    public async Task The_start_up_warm_up_runs_in_the_background_and_reports_no_failure()
    {
        var failures = new List<string>();

        await ReportRenderingWarmup.RunInBackgroundAsync(ReportLanguage.French, failures.Add, TestContext.Current.CancellationToken);

        Assert.Empty(failures);
    }
}
