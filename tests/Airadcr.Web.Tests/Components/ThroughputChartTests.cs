using Airadcr.Web.Components.Pages.Admin;
using Airadcr.Web.Gateway;
using Bunit;

namespace Airadcr.Web.Tests.Components;

public sealed class ThroughputChartTests : DashboardComponentContext
{
    [Fact]
    public void The_last_hour_is_drawn_as_two_lines_with_the_totals()
    {
        var from = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        var points = Enumerable.Range(0, 60).Select(i => new GatewayThroughputMinute(from.AddMinutes(i), i == 58 ? 12 : i == 59 ? 3 : 0, i == 59 ? 1 : 0)).ToList();

        var chart = Render<ThroughputChart>(p => p.Add(x => x.Throughput, new GatewayThroughput(60, from, points)));

        Assert.Equal("15", chart.Find("[data-testid=throughput-received]").TextContent);
        Assert.Equal("1", chart.Find("[data-testid=throughput-analyses]").TextContent);
        var svg = chart.Find("[data-testid=throughput-chart] svg");
        Assert.True(svg.QuerySelectorAll("path").Length >= 2, svg.OuterHtml[..Math.Min(500, svg.OuterHtml.Length)]);
        Assert.Contains("01:00", svg.TextContent, StringComparison.Ordinal);
        Assert.Contains("Instances received", chart.Markup, StringComparison.Ordinal);
        Assert.Empty(chart.FindAll("[data-testid=throughput-unavailable]"));
    }

    [Fact]
    public void Without_an_answer_from_the_gateway_it_says_unavailable()
    {
        var chart = Render<ThroughputChart>(p => p.Add(x => x.Throughput, null));

        Assert.NotNull(chart.Find("[data-testid=throughput-unavailable]"));
        Assert.Empty(chart.FindAll("[data-testid=throughput-chart]"));
    }
}
