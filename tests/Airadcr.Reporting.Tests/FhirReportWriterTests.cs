using Airadcr.Reporting.Fhir;
using Airadcr.Reporting.Model;
using Hl7.Fhir.Model;

namespace Airadcr.Reporting.Tests;

public sealed class FhirReportWriterTests
{
    private static Bundle RoundTrip(ReportDocument report, byte[]? pdf = null) =>
        FhirReportWriter.Parse(FhirReportWriter.ToJson(FhirReportWriter.Build(report, pdf)));

    [Fact]
    public void Diagnostic_report_references_the_imaging_study_by_study_instance_uid()
    {
        var bundle = RoundTrip(SampleReports.Report());

        var report = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<DiagnosticReport>());
        var study = Assert.Single(report.ImagingStudy);
        Assert.NotNull(study.Identifier);
        Assert.Equal("urn:dicom:uid", study.Identifier.System);
        Assert.Equal("urn:oid:" + SampleReports.StudyUid, study.Identifier.Value);
        Assert.Equal("18748-4", report.Code.Coding[0].Code);
        Assert.Equal("ACC2026-1187", Assert.Single(report.Identifier).Value);
        Assert.Equal("Nodules pulmonaires à contrôler à 3 mois.", report.Conclusion);
    }

    [Fact]
    public void Each_finding_becomes_an_observation_with_size_and_certainty()
    {
        var bundle = RoundTrip(SampleReports.Report());

        var report = bundle.Entry.Select(e => e.Resource).OfType<DiagnosticReport>().Single();
        var observations = bundle.Entry.Where(e => e.Resource is Observation).ToList();
        Assert.Equal(2, observations.Count);
        Assert.Equal(observations.Select(e => e.FullUrl), report.Result.Select(r => r.Reference));

        var first = Assert.IsType<Observation>(observations[0].Resource);
        Assert.Equal("27925004", first.Code.Coding[0].Code);
        Assert.Equal("http://snomed.info/sct", first.Code.Coding[0].System);
        var diameter = Assert.IsType<Quantity>(first.Component.Single(c => c.Code.Coding[0].Code == ReportCodes.Diameter.Code).Value);
        Assert.Equal(6.2m, diameter.Value);
        Assert.Equal("mm", diameter.Code);
        var certainty = Assert.IsType<Quantity>(first.Component.Single(c => c.Code.Coding[0].Code == "111012").Value);
        Assert.Equal(91m, certainty.Value);
        Assert.Equal("ct-nodule-candidates 1.0.0", first.Device?.Display);
    }

    [Fact]
    public void Status_is_preliminary_until_signed_then_final()
    {
        var preliminary = RoundTrip(SampleReports.Report()).Entry.Select(e => e.Resource).OfType<DiagnosticReport>().Single();
        var signature = new ReportSignature("Dr Jérôme Noël", SampleReports.CreatedAt.AddHours(1));
        var final = RoundTrip(SampleReports.Report(signature: signature)).Entry.Select(e => e.Resource).OfType<DiagnosticReport>().Single();

        Assert.Equal(DiagnosticReport.DiagnosticReportStatus.Preliminary, preliminary.Status);
        Assert.Equal(DiagnosticReport.DiagnosticReportStatus.Final, final.Status);
        Assert.Equal("Dr Jérôme Noël", Assert.Single(final.ResultsInterpreter).Display);
    }

    [Fact]
    public void Pdf_is_attached_as_presented_form()
    {
        var pdf = "%PDF-1.4 test"u8.ToArray();

        var report = RoundTrip(SampleReports.Report(), pdf).Entry.Select(e => e.Resource).OfType<DiagnosticReport>().Single();

        var form = Assert.Single(report.PresentedForm);
        Assert.Equal("application/pdf", form.ContentType);
        Assert.Equal(pdf, form.Data);
    }

    [Fact]
    public void Parse_rejects_json_that_is_not_valid_fhir()
    {
        var json = FhirReportWriter.ToJson(FhirReportWriter.Build(SampleReports.Report()))
            .Replace("\"preliminary\"", "\"not-a-status\"", StringComparison.Ordinal);

        Assert.ThrowsAny<Exception>(() => FhirReportWriter.Parse(json));
    }
}
