using System.Text.Json;
using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.ReportApi;
using Airadcr.DicomGateway.Reports;
using Airadcr.Reporting.Model;

namespace Airadcr.DicomGateway.Tests;

/// <summary>The pending report's <c>metadata.findings[]</c> in the shape the Web's editor reads (Airadcr.Web ReportView).</summary>
public sealed class ReportApiFindingsTests
{
    [Fact]
    public void Each_finding_carries_label_confidence_model_location_and_its_box_on_the_key_image()
    {
        var onKeyImage = Finding(1, "1.2.3.4", frame: 1, new PixelBox(40, 50, 12, 10), firstPlane: 2, lastPlane: 4);
        var elsewhere = Finding(2, "1.2.3.5", frame: 1, new PixelBox(5, 6, 7, 8), firstPlane: 7, lastPlane: 7);
        var report = new ReportDocument
        {
            Study = new StudyContext { StudyInstanceUid = "1.2.3", Modality = "CT" },
            Text = new ReportText("Scanner", "", "", "", ""),
            Findings = [onKeyImage, elsewhere],
            KeyImages = [new KeyImage("1.2.3.4", null, 512, 480, new byte[512 * 480])],
            CreatedAt = DateTimeOffset.UnixEpoch,
        };

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(ReportApiClient.FindingsMetadata(report)));
        var findings = json.RootElement.EnumerateArray().ToList();

        Assert.Equal(2, findings.Count);
        var first = findings[0];
        Assert.Equal(1, first.GetProperty("number").GetInt32());
        Assert.Equal("Nodule", first.GetProperty("label").GetString());
        Assert.Equal(0.81, first.GetProperty("confidence").GetDouble());
        Assert.Equal("ct-nodule-candidates", first.GetProperty("model_id").GetString());
        Assert.Equal("1.0.0", first.GetProperty("model_version").GetString());
        Assert.Equal("Poumon, images 3-5", first.GetProperty("location").GetString()); // the report's language (French)
        Assert.Equal("1.2.3.4", first.GetProperty("sop_instance_uid").GetString());
        Assert.Equal("1.2.3.1", first.GetProperty("series_instance_uid").GetString()); // the Web's editor opens OHIF on it
        Assert.Equal(1, first.GetProperty("frame").GetInt32());
        var box = first.GetProperty("box");
        Assert.Equal((40, 50, 12, 10), (box.GetProperty("x").GetDouble(), box.GetProperty("y").GetDouble(),
            box.GetProperty("width").GetDouble(), box.GetProperty("height").GetDouble()));
        Assert.Equal((512, 480), (first.GetProperty("columns").GetInt32(), first.GetProperty("rows").GetInt32()));

        // Not on a key image: the finding is listed, without an image size to draw its box on.
        Assert.Equal("Poumon, image 8", findings[1].GetProperty("location").GetString());
        Assert.Equal(JsonValueKind.Null, findings[1].GetProperty("columns").ValueKind);
    }

    private static Airadcr.Reporting.Model.Finding Finding(int number, string sop, int frame, PixelBox box, int firstPlane, int lastPlane) =>
        FindingMapper.Map(
            new AnalysisFinding("ct-nodule-candidates", "1.0.0", new FindingType("27925004", "SCT", "Nodule"),
                new FindingLocation("1.2.3.1", sop, frame, new PixelPoint(box.X + box.Width / 2.0, box.Y + box.Height / 2.0),
                    new PatientPoint(0, 0, 0), box, firstPlane, lastPlane),
                new FindingSize(6, null, null), 0.81),
            number, "1.2.840.10008.5.1.4.1.1.2", frameOfReferenceUid: null);
}
