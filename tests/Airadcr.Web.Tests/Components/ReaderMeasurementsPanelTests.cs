using Airadcr.Web.Components.Pages;
using Airadcr.Web.Measurements;
using Bunit;

namespace Airadcr.Web.Tests.Components;

public sealed class ReaderMeasurementsPanelTests : DashboardComponentContext
{
    private static readonly ReaderMeasurement Length = new("Nodule", "Length", 23.5, "mm", "dr-house", new DateTimeOffset(2026, 12, 7, 10, 15, 0, TimeSpan.Zero));

    [Fact]
    public void Each_measurement_shows_its_text_and_who_saved_it_and_insert_hands_it_to_the_editor()
    {
        ReaderMeasurement? inserted = null;
        var panel = Render<ReaderMeasurementsPanel>(p => p
            .Add(x => x.Measurements, [Length])
            .Add(x => x.OnInsert, (ReaderMeasurement m) => inserted = m));

        var row = panel.Find("[data-testid=reader-measurement]");
        Assert.Contains("Nodule: Length", row.TextContent);
        Assert.Contains("dr-house", row.TextContent);
        panel.Find("[data-testid=insert-measurement]").Click();
        Assert.Same(Length, inserted);
    }

    [Fact]
    public void A_read_only_report_lists_the_measurements_without_insert_and_none_says_so()
    {
        var readOnly = Render<ReaderMeasurementsPanel>(p => p.Add(x => x.Measurements, [Length]).Add(x => x.ReadOnly, true));
        Assert.Empty(readOnly.FindAll("[data-testid=insert-measurement]"));

        var none = Render<ReaderMeasurementsPanel>(p => p.Add(x => x.Measurements, []));
        Assert.NotNull(none.Find("[data-testid=no-reader-measurements]"));
    }
}
