using System.Globalization;
using System.Text.Json;
using Airadcr.Web.Data;
using Airadcr.Web.Localization;
using Airadcr.Web.Reports;
using Airadcr.Web.ReportApi;

namespace Airadcr.Web.Tests;

public sealed class ReportTextTests
{
    private static ReportData Report(string metadata) => new(
        "T1", "P1", null, "A1", "1.2.3",
        JsonDocument.Parse("""{"title":"Scanner","indication":"Toux","results":"Nodule","conclusion":"Surveiller"}""").RootElement,
        "airadcr_gateway", ["lung"], "CT", JsonDocument.Parse(metadata).RootElement, "pending", "2026-11-22T10:00:00Z");

    [Fact]
    public void The_RIS_text_has_the_title_then_each_non_empty_section()
    {
        var text = RisText.Of(ReportView.TextOf(Report("{}")), new UiText());

        Assert.Equal("Scanner\n\nIndication:\nToux\n\nResults:\nNodule\n\nConclusion:\nSurveiller", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_AI_findings_and_models_come_from_the_report_metadata()
    {
        var view = ReportView.From(Report("""
            {"models":[{"id":"lung","version":"2.1.0"}],
             "findings":[{"label":"Nodule","confidence":0.87,"model_id":"lung","model_version":"2.1.0","location":"LSD"},"junk"]}
            """), null);

        Assert.Equal(new AiFinding("Nodule", 0.87, "lung", "2.1.0", "LSD"), Assert.Single(view.Findings));
        Assert.Equal(new AiModel("lung", "2.1.0"), Assert.Single(view.Models));
        Assert.Equal("pending", view.Status);
    }

    [Fact]
    public void A_finding_as_the_gateway_posts_it_carries_its_image_and_box()
    {
        var view = ReportView.From(Report("""
            {"findings":[{"number":1,"label":"Nodule","confidence":0.7,"model_id":"ct-nodule-candidates","model_version":"1.0.0",
              "location":"Lung, image 3","sop_instance_uid":"1.2.3.4","frame":1,"box":{"x":10,"y":20,"width":8,"height":6},
              "columns":128,"rows":128},
             {"label":"No image","confidence":0.5,"sop_instance_uid":"1.2.3.5","box":{"x":1,"y":1,"width":1,"height":1}}]}
            """), null);

        Assert.Equal(new KeyImageRegion("1.2.3.4", 1, 128, 128, 10, 20, 8, 6), view.Findings[0].Image);
        Assert.Equal("Lung, image 3", view.Findings[0].Location);
        Assert.Null(view.Findings[1].Image); // no image size: nothing to draw the box on
    }

    [Fact]
    public void A_review_overrides_the_ReportApi_status_and_text()
    {
        var review = new ReportReview { TechnicalId = "T1", Status = ReviewStatus.Signed, Conclusion = "Signé" };

        var view = ReportView.From(Report("{}"), review);

        Assert.Equal("signed", view.Status);
        Assert.True(view.IsSigned);
        Assert.Equal("Signé", view.Text.Conclusion);
    }

    [Fact]
    public void The_dashboard_speaks_French_and_English()
    {
        var text = new UiText();
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("fr");
            Assert.Equal("Liste de travail", text["Worklist"]);
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal("Worklist", text["Worklist"]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
