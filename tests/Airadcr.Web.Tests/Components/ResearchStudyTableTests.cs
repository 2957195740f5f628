using Airadcr.Web.Components.Pages.Research;
using Airadcr.Web.Research;
using Bunit;

namespace Airadcr.Web.Tests.Components;

public sealed class ResearchStudyTableTests : DashboardComponentContext
{
    private static readonly ResearchStudy Done = new("2.25.11", "PSEUDO-1", "CT", "20040119", 1, 1, 2, "done", null);
    private static readonly ResearchStudy Failed = new(null, "PSEUDO-2", "US", "", 1, 3, 0, "failed", "refused: /data/1.2.3/4.5.6.dcm burned in");

    [Fact]
    public void A_researcher_sees_the_state_of_a_failed_study_but_not_the_gateways_error_text()
    {
        var table = Render<ResearchStudyTable>(p => p.Add(t => t.Studies, [Done, Failed]).Add(t => t.ViewerLink, s => "/v/" + s.StudyKey));

        Assert.Equal(2, table.FindAll("tr.research-study").Count);
        Assert.DoesNotContain("burned in", table.Markup, StringComparison.Ordinal);
        Assert.Contains("failed", table.Find("tr[data-state=failed]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_admin_sees_the_error_text()
    {
        var table = Render<ResearchStudyTable>(p => p.Add(t => t.Studies, [Failed]).Add(t => t.ShowErrors, true));
        Assert.Contains("burned in", table.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_done_study_links_to_the_viewer()
    {
        var table = Render<ResearchStudyTable>(p => p.Add(t => t.Studies, [Done, Failed]).Add(t => t.ViewerLink, s => "/v/" + s.StudyKey));

        var link = Assert.Single(table.FindAll("a.open-viewer"));
        Assert.Equal("/v/2.25.11", link.GetAttribute("href"));
    }
}
