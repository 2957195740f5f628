using Airadcr.Web.Worklist;

namespace Airadcr.Web.Tests;

public sealed class ReportLinkTests
{
    [Theory]
    [InlineData("airadcr://open?tid=AIRADCR_12ab")]
    [InlineData("airadcr://open/AIRADCR_12ab")]
    [InlineData("airadcr://AIRADCR_12ab")]
    [InlineData("AIRADCR://open?foo=1&tid=AIRADCR_12ab")]
    [InlineData("airadcr://open/AIRADCR_12ab/")]
    public void Every_desktop_link_form_parses_to_the_same_route(string link)
    {
        Assert.Equal("AIRADCR_12ab", ReportLink.Parse(link));
        Assert.Equal("/open/AIRADCR_12ab", ReportLink.RouteFor(ReportLink.Parse(link)!));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://example.org/open/X")]
    [InlineData("airadcr://open")]
    [InlineData("airadcr://open?tid=")]
    [InlineData("airadcr://open/../admin")]
    [InlineData("airadcr://open?tid=a%2Fb")]
    [InlineData("airadcr://a b")]
    public void Anything_else_is_not_a_report_link(string? link) => Assert.Null(ReportLink.Parse(link));
}
