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

    [Fact]
    public void A_finding_on_a_key_image_shows_the_gateway_rendering_with_its_box_over_it()
    {
        var region = new KeyImageRegion("1.2.3.4", 2, Columns: 512, Rows: 256, X: 128, Y: 64, Width: 51.2, Height: 25.6);
        var panel = Render<AiFindingsPanel>(p => p
            .Add(x => x.Tid, "KEY_1")
            .Add(x => x.Findings, [new AiFinding("Nodule", 0.9, "m", "1", "image 2") { Image = region }, new AiFinding("Other", 0.5, "m", "1", null)])
            .Add(x => x.Models, []));

        var image = Assert.Single(panel.FindAll("[data-testid=key-image]"));
        Assert.Equal("/reports/KEY_1/key-images/1.2.3.4?frame=2", image.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("left:25%;top:25%;width:10%;height:10%", image.QuerySelector("[data-testid=finding-box]")!.GetAttribute("style"));
        Assert.Contains("1. Nodule", image.TextContent);
    }
}
