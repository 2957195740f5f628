using Airadcr.Web.Components.Pages;
using Airadcr.Web.Data;
using Bunit;

namespace Airadcr.Web.Tests.Components;

public sealed class ReportTextFieldsTests : DashboardComponentContext
{
    private static ReportReview Text() => new()
    {
        TechnicalId = "T1", Title = "Scanner", Indication = "Toux", Technique = "Hélicoïdale", Results = "Nodule", Conclusion = "Surveiller",
    };

    [Fact]
    public void The_five_structured_fields_show_the_report_text()
    {
        var fields = Render<ReportTextFields>(p => p.Add(x => x.Text, Text()));

        Assert.Equal("Scanner", fields.Find("#field-title").GetAttribute("value"));
        Assert.Equal("Surveiller", fields.Find("#field-conclusion").TextContent.Trim() is { Length: > 0 } area ? area : fields.Find("#field-conclusion").GetAttribute("value"));
        Assert.Equal(5, fields.FindAll("input#field-title, textarea[id^=field-]").Count);
    }

    [Fact]
    public void A_signed_or_research_view_is_read_only()
    {
        var fields = Render<ReportTextFields>(p => p.Add(x => x.Text, Text()).Add(x => x.ReadOnly, true));

        Assert.All(fields.FindAll("input#field-title, textarea[id^=field-]"), input => Assert.True(input.HasAttribute("readonly")));
    }

    [Fact]
    public void Typing_in_a_field_edits_the_review()
    {
        var text = Text();
        var fields = Render<ReportTextFields>(p => p.Add(x => x.Text, text));

        fields.Find("#field-conclusion").Change("Contrôle à 6 mois");

        Assert.Equal("Contrôle à 6 mois", text.Conclusion);
    }
}
