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
}
