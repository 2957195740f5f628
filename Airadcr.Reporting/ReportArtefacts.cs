using Airadcr.Dicom.IO;
using Airadcr.Reporting.Fhir;
using Airadcr.Reporting.Model;
using Airadcr.Reporting.Pdf;
using Airadcr.Reporting.Sr;

namespace Airadcr.Reporting;

/// <summary>
/// The four artefacts of a report, as the gateway (AI results) and the Web (signed report) publish them:
/// the SR (TID 1500 for AI results, TID 2000 once signed), the PDF, its Encapsulated PDF instance and the FHIR bundle.
/// </summary>
public sealed record ReportArtefacts(DicomFile StructuredReport, byte[] Pdf, DicomFile EncapsulatedPdf, string FhirJson)
{
    /// <summary>Builds all four from one report document.</summary>
    /// <param name="aiResults">For a signed report: the AI SR it was reviewed from, linked as evidence.</param>
    public static ReportArtefacts Create(ReportDocument report, DicomFile? aiResults = null)
    {
        var pdf = PdfReportWriter.Write(report);
        var sr = report.IsSigned
            ? SignedReportWriter.Write(report, aiResults?.Dataset)
            : MeasurementReportWriter.Write(report);
        return new ReportArtefacts(sr, pdf, EncapsulatedPdfWriter.Write(report, pdf),
            FhirReportWriter.ToJson(FhirReportWriter.Build(report, pdf)));
    }

    /// <summary>Writes <c>ai-sr.dcm</c> (or <c>signed-sr.dcm</c>), <c>report.pdf</c>, <c>report-pdf.dcm</c> and <c>diagnostic-report.json</c>.</summary>
    public async Task SaveAsync(string directory, bool signed, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        StructuredReport.Save(Path.Combine(directory, signed ? "signed-sr.dcm" : "ai-sr.dcm"));
        EncapsulatedPdf.Save(Path.Combine(directory, "report-pdf.dcm"));
        await File.WriteAllBytesAsync(Path.Combine(directory, "report.pdf"), Pdf, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "diagnostic-report.json"), FhirJson, cancellationToken);
    }
}
