using Airadcr.DicomGateway.Reports;
using Airadcr.Reporting.Model;

namespace Airadcr.DicomGateway.Tests;

/// <summary>The pre-filled results text reads in the report's language, finding names included.</summary>
public sealed class FindingNarrativeTests
{
    private static readonly StudyContext Study = new() { StudyInstanceUid = "1.2.3", Modality = "CT", StudyDescription = "Thorax" };

    private static readonly Finding Nodule = new()
    {
        Number = 1,
        TrackingUid = "1.2.3.4",
        Type = new CodedConcept("786838002", "SCT", "Pulmonary nodule"),
        Site = ReportCodes.Lung,
        LocationText = "images 12-14",
        Region = new ImageRegion { SopClassUid = "1.2.840.10008.5.1.4.1.1.2", SopInstanceUid = "1.2.3.5", CenterColumn = 10, CenterRow = 10, Left = 5, Top = 5, Width = 10, Height = 10 },
        Measurements = [new Measurement(ReportCodes.Diameter, 12.5, ReportCodes.Millimeter)],
        Confidence = 0.87,
        Algorithm = new AlgorithmIdentity("ct-nodule-candidates", "1.0.0"),
    };

    [Fact]
    public void A_french_report_names_the_findings_in_french()
    {
        var results = FindingNarrative.Text(Study, [Nodule], ReportLanguage.French).Results;

        Assert.Contains("Nodule pulmonaire, Poumon", results, StringComparison.Ordinal);
        Assert.Contains("12,5 mm", results, StringComparison.Ordinal);
        Assert.DoesNotContain("Pulmonary", results, StringComparison.Ordinal);
        Assert.DoesNotContain("Lung", results, StringComparison.Ordinal);
    }

    [Fact]
    public void An_english_report_keeps_the_coded_meanings()
    {
        var results = FindingNarrative.Text(Study, [Nodule], ReportLanguage.English).Results;

        Assert.Contains("Pulmonary nodule, Lung", results, StringComparison.Ordinal);
        Assert.Contains("12.5 mm", results, StringComparison.Ordinal);
    }
}
