using Airadcr.Dicom;
using Airadcr.Reporting.Model;
using Airadcr.Reporting.Pdf;
using Airadcr.Reporting.Sr;
using Airadcr.Testing;

namespace Airadcr.Reporting.Tests;

public sealed class EncapsulatedAndSignedReportTests : IDisposable
{
    private static readonly ReportSignature Signature =
        new("NOËL^Jérôme^^Dr", new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.FromHours(1)), "Clinique Sainte-Thérèse");

    private readonly FixtureDirectory _directory = new("report-instances");

    [Fact]
    public async Task Encapsulated_pdf_is_valid_and_carries_the_pdf_bytes()
    {
        var ct = TestContext.Current.CancellationToken;
        var report = SampleReports.Report();
        var pdf = PdfReportWriter.Write(report);
        var path = _directory.Combine("report-pdf.dcm");
        EncapsulatedPdfWriter.Write(report, pdf).Save(path);

        Assert.Empty(await Validators.DciodvfyErrorsAsync(path, ct));
        var output = await Validators.PydicomAsync(path,
            "print(ds.SOPClassUID, ds.StudyInstanceUID, ds.MIMETypeOfEncapsulatedDocument, ds.EncapsulatedDocumentLength, bytes(ds.EncapsulatedDocument[:5]).decode(), sep='|')", ct);
        Assert.Equal($"{DicomUids.EncapsulatedPDFStorage}|{SampleReports.StudyUid}|application/pdf|{pdf.Length}|%PDF-", output);
    }

    [Fact]
    public async Task Signed_report_is_a_verified_tid_2000_report_that_validators_accept()
    {
        var ct = TestContext.Current.CancellationToken;
        var aiSr = MeasurementReportWriter.Write(SampleReports.Report());
        var path = _directory.Combine("signed-sr.dcm");
        SignedReportWriter.Write(SampleReports.Report(signature: Signature), aiSr.Dataset).Save(path);

        Assert.Empty(await Validators.DciodvfyErrorsAsync(path, ct));
        var pixelmed = await Validators.PixelMedSrValidatorAsync(path, ct);
        Assert.DoesNotContain("Error", pixelmed, StringComparison.Ordinal);
        var dump = (await ExternalTool.RunAsync("dsrdump", "dcmtk", ["+Pl", path], ct)).EnsureSuccess().StandardOutput;
        Assert.Contains("VERIFIED", dump);
        Assert.Contains("Nodules pulmonaires à contrôler à 3 mois.", dump);
        var linked = await Validators.PydicomAsync(path,
            "print(ds.VerificationFlag, ds.PertinentOtherEvidenceSequence[0].ReferencedSeriesSequence[0].ReferencedSOPSequence[0].ReferencedSOPInstanceUID, sep='|')", ct);
        Assert.Equal($"VERIFIED|{aiSr.Dataset.GetString(DicomTag.SOPInstanceUID)}", linked);
    }

    [Fact]
    public async Task Signed_report_without_an_organization_configured_still_names_a_verifying_organization()
    {
        var ct = TestContext.Current.CancellationToken;
        // As the Web signs when Web__Organization is not set (the AppHost's default) and the images carry no institution.
        var report = SampleReports.Report(signature: Signature with { Organization = null }) with
        {
            Study = SampleReports.Study with { InstitutionName = null },
        };
        var path = _directory.Combine("signed-sr-no-organization.dcm");
        SignedReportWriter.Write(report).Save(path);

        var result = await ExternalTool.RunAsync("dciodvfy", "dicom3tools", [path], ct);
        var messages = (result.StandardOutput + result.StandardError).Split('\n')
            .Where(line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Warning", StringComparison.Ordinal)).ToList();
        TestContext.Current.SendDiagnosticMessage(string.Join("\n", messages));
        Assert.DoesNotContain(messages, line => line.StartsWith("Error", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, line => line.Contains("Specific Character Set", StringComparison.Ordinal));
        var organization = await Validators.PydicomAsync(path, "print(ds.VerifyingObserverSequence[0].VerifyingOrganization)", ct);
        Assert.Equal(SignedReportWriter.UnnamedOrganization, organization);
    }

    [Fact]
    public async Task No_report_instance_repeats_the_character_set_inside_its_items()
    {
        var ct = TestContext.Current.CancellationToken;
        var report = SampleReports.Report(signature: Signature);
        var files = new Dictionary<string, Airadcr.Dicom.IO.DicomFile>
        {
            ["ai-sr.dcm"] = MeasurementReportWriter.Write(SampleReports.Report()),
            ["signed-sr.dcm"] = SignedReportWriter.Write(report),
            ["report-pdf.dcm"] = EncapsulatedPdfWriter.Write(report, PdfReportWriter.Write(report)),
        };
        foreach (var (name, file) in files)
        {
            var path = _directory.Combine("charset-" + name);
            file.Save(path);
            var result = await ExternalTool.RunAsync("dciodvfy", "dicom3tools", [path], ct);
            Assert.DoesNotContain(result.StandardOutput + result.StandardError, "Specific Character Set", StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_signed_pdf_is_a_series_of_its_own_beside_the_ai_pdf()
    {
        var ai = ReportArtefacts.Create(SampleReports.Report()).EncapsulatedPdf.Dataset;
        var signed = ReportArtefacts.Create(SampleReports.Report(signature: Signature)).EncapsulatedPdf.Dataset;

        Assert.NotEqual(ai.GetString(DicomTag.SeriesNumber), signed.GetString(DicomTag.SeriesNumber));
        Assert.NotEqual(ai.GetString(DicomTag.SeriesDescription), signed.GetString(DicomTag.SeriesDescription));
        Assert.NotEqual(ai.GetString(DicomTag.SeriesInstanceUID), signed.GetString(DicomTag.SeriesInstanceUID));
        Assert.Contains("signed", signed.GetString(DicomTag.SeriesDescription), StringComparison.Ordinal);
    }

    [Fact]
    public void Artefacts_of_an_unsigned_report_are_the_ai_sr_pdf_encapsulated_pdf_and_fhir()
    {
        var artefacts = ReportArtefacts.Create(SampleReports.Report());

        Assert.Equal("1500", artefacts.StructuredReport.Dataset.GetSequence(DicomTag.ContentTemplateSequence).Items[0].GetString(DicomTag.TemplateIdentifier));
        Assert.Equal(DicomUids.EncapsulatedPDFStorage, artefacts.EncapsulatedPdf.Dataset.GetString(DicomTag.SOPClassUID));
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(artefacts.Pdf, 0, 4));
        Assert.Contains("DiagnosticReport", artefacts.FhirJson);
    }

    public void Dispose() => _directory.Dispose();
}
