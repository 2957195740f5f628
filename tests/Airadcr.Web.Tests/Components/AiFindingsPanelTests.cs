using Airadcr.Web.Components.Pages;
using Airadcr.Web.Reports;
using Bunit;

namespace Airadcr.Web.Tests.Components;

public sealed class AiFindingsPanelTests : DashboardComponentContext
{
    [Fact]
    public void Each_finding_shows_its_confidence_location_and_model_version()
    {
        var panel = Render<AiFindingsPanel>(p => p
            .Add(x => x.Findings, [new AiFinding("Nodule", 0.87, "lung-nodules", "2.1.0", "LSD")])
            .Add(x => x.Models, [new AiModel("lung-nodules", "2.1.0")]));

        var row = panel.Find("[data-testid=findings] tbody tr");
        Assert.Contains("Nodule", row.TextContent);
        Assert.Contains("87", panel.Find(".confidence").TextContent);
        Assert.Contains("LSD", row.TextContent);
        Assert.Contains("lung-nodules 2.1.0", row.TextContent);
        Assert.Contains("lung-nodules 2.1.0", panel.Find("[data-testid=models]").TextContent);
    }

    [Fact]
    public void A_report_without_findings_says_so()
    {
        var panel = Render<AiFindingsPanel>(p => p.Add(x => x.Findings, []).Add(x => x.Models, []));

        Assert.NotNull(panel.Find("[data-testid=no-findings]"));
        Assert.Empty(panel.FindAll("[data-testid=findings]"));
    }
}
