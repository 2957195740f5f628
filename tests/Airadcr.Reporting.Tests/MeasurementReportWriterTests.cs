using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Reporting.Model;
using Airadcr.Reporting.Sr;
using Airadcr.Testing;

namespace Airadcr.Reporting.Tests;

public sealed class MeasurementReportWriterTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("sr");

    private string Save(DicomFile file, string name)
    {
        var path = _directory.Combine(name);
        file.Save(path);
        return path;
    }

    [Fact]
    public async Task Dciodvfy_reports_no_error()
    {
        var path = Save(MeasurementReportWriter.Write(SampleReports.Report()), "ai-sr.dcm");

        Assert.Empty(await Validators.DciodvfyErrorsAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Pixelmed_sr_validator_reports_no_error()
    {
        var path = Save(MeasurementReportWriter.Write(SampleReports.Report()), "ai-sr.dcm");

        var output = await Validators.PixelMedSrValidatorAsync(path, TestContext.Current.CancellationToken);

        Assert.DoesNotContain("Error", output, StringComparison.Ordinal);
        Assert.Contains("Found Root Template TID_1500", output);
    }

    [Fact]
    public async Task Dsrdump_shows_the_measurement_tree()
    {
        var path = Save(MeasurementReportWriter.Write(SampleReports.Report()), "ai-sr.dcm");

        var dump = (await ExternalTool.RunAsync("dsrdump", "dcmtk", [path], TestContext.Current.CancellationToken)).EnsureSuccess();

        foreach (var expected in new[] { "Imaging Measurement Report", "Image Library", "Measurement Group", "Tracking Unique Identifier",
                     "\"Nodule\"", "\"Lung\"", "ct-nodule-candidates", "Diameter", "6.2", "Certainty of Finding", "Image Region", "inferred from SCOORD" })
        {
            Assert.Contains(expected, dump.StandardOutput);
        }
    }

    [Fact]
    public async Task Pydicom_rereads_it_in_the_source_study_with_utf8_text()
    {
        var path = Save(MeasurementReportWriter.Write(SampleReports.Report()), "ai-sr.dcm");

        var output = await Validators.PydicomAsync(path,
            "print(ds.SOPClassUID, ds.StudyInstanceUID, ds.SpecificCharacterSet, ds.PatientName, ds.Modality, sep='|')",
            TestContext.Current.CancellationToken);

        Assert.Equal($"{DicomUids.Comprehensive3DSRStorage}|{SampleReports.StudyUid}|ISO_IR 192|DUPRÉ-LEFÈVRE^Éloïse|SR", output);
    }

    [Fact]
    public void Carries_the_mandatory_tid_1500_items()
    {
        var dataset = MeasurementReportWriter.Write(SampleReports.Report()).Dataset;

        var template = dataset.GetSequence(DicomTag.ContentTemplateSequence).Items.Single();
        Assert.Equal("1500", template.GetString(DicomTag.TemplateIdentifier));
        Assert.Equal("126000", ConceptCode(dataset));
        var root = dataset.GetSequence(DicomTag.ContentSequence).Items;
        Assert.Contains(root, item => ConceptCode(item) == "121049"); // language
        Assert.Contains(root, item => ConceptCode(item) == "121005" && ValueCode(item) == "121007"); // device observer
        Assert.Contains(root, item => ConceptCode(item) == "121012"); // device observer UID
        Assert.Contains(root, item => ConceptCode(item) == "121058"); // procedure reported
        Assert.Contains(root, item => ConceptCode(item) == "111028"); // image library
        var measurements = root.Single(item => ConceptCode(item) == "126010").GetSequence(DicomTag.ContentSequence).Items;
        Assert.Equal(2, measurements.Count);
        foreach (var group in measurements)
        {
            var items = group.GetSequence(DicomTag.ContentSequence).Items;
            Assert.Contains(items, item => ConceptCode(item) == "112039");
            Assert.Contains(items, item => ConceptCode(item) == "112040");
            Assert.Contains(items, item => ConceptCode(item) == "121071" && ValueCode(item) == "27925004");
            Assert.Contains(items, item => ConceptCode(item) == "111001");
            Assert.Contains(items, item => item.GetString(DicomTag.ValueType) == "SCOORD");
            Assert.Contains(items, item => ConceptCode(item) == ReportCodes.Diameter.Code);
        }
        var evidence = dataset.GetSequence(DicomTag.CurrentRequestedProcedureEvidenceSequence).Items.Single();
        Assert.Equal(SampleReports.StudyUid, evidence.GetString(DicomTag.StudyInstanceUID));
    }

    [Fact]
    public void Each_group_has_the_shape_ohif_loads_into_its_measurement_panel()
    {
        var root = MeasurementReportWriter.Write(SampleReports.Report()).Dataset.GetSequence(DicomTag.ContentSequence).Items;
        var groups = root.Single(item => ConceptCode(item) == "126010").GetSequence(DicomTag.ContentSequence).Items;

        foreach (var (group, number) in groups.Select((group, index) => (group, index + 1)))
        {
            var items = group.GetSequence(DicomTag.ContentSequence).Items;
            // OHIF picks the tool that re-creates the measurement from the Tracking Identifier's prefix.
            Assert.Equal($"Cornerstone3DTools@^0.1.0:EllipticalROI:Finding {number}",
                items.Single(item => ConceptCode(item) == "112039").GetString(DicomTag.TextValue));
            // It draws the group's first SCOORD/SCOORD3D: the 2D region on its image, before the 3D centre.
            var geometry = items.First(item => item.GetString(DicomTag.ValueType) is "SCOORD" or "SCOORD3D");
            Assert.Equal("SCOORD", geometry.GetString(DicomTag.ValueType));
            Assert.Equal("ELLIPSE", geometry.GetString(DicomTag.GraphicType));
            Assert.Equal(SampleReports.SourceInstanceUid, geometry.GetSequence(DicomTag.ContentSequence).Items.Single()
                .GetSequence(DicomTag.ReferencedSOPSequence).Items.Single().GetString(DicomTag.ReferencedSOPInstanceUID));
            // Its loader takes the geometry from the first NUM: every NUM is INFERRED FROM the same region.
            foreach (var num in items.Where(item => item.GetString(DicomTag.ValueType) == "NUM"))
            {
                var inferred = num.GetSequence(DicomTag.ContentSequence).Items.Single();
                Assert.Equal("INFERRED FROM", inferred.GetString(DicomTag.RelationshipType));
                Assert.Equal("SCOORD", inferred.GetString(DicomTag.ValueType));
                Assert.Equal(geometry.GetValues<float>(DicomTag.GraphicData), inferred.GetValues<float>(DicomTag.GraphicData));
            }
        }
    }

    [Fact]
    public void Uses_comprehensive_sr_without_patient_coordinates()
    {
        var report = SampleReports.Report();
        report = report with
        {
            Findings = [.. report.Findings.Select(f => f with { Region = f.Region with { PatientPosition = null } })],
        };

        Assert.Equal(DicomUids.ComprehensiveSRStorage, MeasurementReportWriter.Write(report).Dataset.GetString(DicomTag.SOPClassUID));
    }

    [Fact]
    public void A_report_without_findings_names_the_models_that_ran_as_device_observer()
    {
        var report = SampleReports.Report() with
        {
            Findings = [],
            KeyImages = [],
            Algorithms = [new AlgorithmIdentity("ct-nodule-candidates", "1.0.0"), new AlgorithmIdentity("cr-chest-opacity", "1.0.0")],
        };

        var root = MeasurementReportWriter.Write(report).Dataset.GetSequence(DicomTag.ContentSequence).Items;

        var observer = root.Single(item => ConceptCode(item) == "121013");
        Assert.Equal("ct-nodule-candidates 1.0.0, cr-chest-opacity 1.0.0", observer.GetString(DicomTag.TextValue));
    }

    [Fact]
    public void Refuses_findings_on_images_missing_from_the_evidence()
    {
        var report = SampleReports.Report() with { SourceImages = [] };

        Assert.Throws<ArgumentException>(() => MeasurementReportWriter.Write(report));
    }

    private static string? ConceptCode(DicomDataset item) =>
        item.TryGetSequence(DicomTag.ConceptNameCodeSequence, out var name) ? name.Items[0].GetString(DicomTag.CodeValue) : null;

    private static string? ValueCode(DicomDataset item) =>
        item.TryGetSequence(DicomTag.ConceptCodeSequence, out var value) ? value.Items[0].GetString(DicomTag.CodeValue) : null;

    public void Dispose() => _directory.Dispose();
}
