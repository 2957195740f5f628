using Airadcr.Reporting.Model;
using SkiaSharp;

namespace Airadcr.Reporting.Pdf;

/// <summary>
/// Writes a report as an A4 PDF: header (institution, patient, study), narrative sections, the findings table, key
/// images with finding overlays, the AI disclaimer and the signature block. Fonts are embedded and text is
/// extractable; images are embedded losslessly.
/// </summary>
public static class PdfReportWriter
{
    private const float KeyImageSize = 230f;

    public static byte[] Write(ReportDocument report)
    {
        using var output = new MemoryStream();
        Write(report, output);
        return output.ToArray();
    }

    public static void Write(ReportDocument report, Stream output)
    {
        var labels = ReportLabels.For(report.Language);
        using var fonts = ReportFonts.Load();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = report.Text.Title,
            Creator = "AIRADCR",
            Producer = "AIRADCR Reporting",
            Creation = report.CreatedAt.UtcDateTime,
            Modified = report.CreatedAt.UtcDateTime,
            EncodingQuality = 101, // > 100: lossless (Flate) images instead of JPEG
            RasterDpi = 300,
        };
        using (var document = SKDocument.CreatePdf(output, metadata))
        {
            var footer = $"{report.Study.InstitutionName ?? "AIRADCR"} — {labels.GeneratedOn} {labels.DateTime(report.CreatedAt)}";
            using var flow = new PdfPageFlow(document, fonts, footer, labels.Page);
            WriteHeader(flow, report, labels);
            WriteNarrative(flow, report.Text, labels);
            WriteFindings(flow, report.Findings, labels, report.Language);
            WriteKeyImages(flow, report, labels, fonts);
            WriteClosing(flow, report, labels);
            flow.Complete();
            document.Close();
        }
    }

    private static void WriteHeader(PdfPageFlow flow, ReportDocument report, ReportLabels labels)
    {
        var study = report.Study;
        if (study.InstitutionName is { Length: > 0 } institution)
        {
            flow.Paragraph(institution, 9f, bold: true, color: new SKColor(0x1F, 0x4E, 0x79));
        }
        flow.Title(report.Text.Title);
        flow.KeyValues(
        [
            (labels.Patient, study.PatientName?.Replace('^', ' ').Trim() ?? "—"),
            (labels.PatientId, study.PatientId ?? "—"),
            (labels.BirthDate, labels.Date(study.PatientBirthDate)),
            (labels.Sex, study.PatientSex ?? "—"),
            (labels.Study, study.StudyDescription ?? "—"),
            (labels.StudyDate, labels.Date(study.StudyDate)),
            (labels.Accession, study.AccessionNumber ?? "—"),
            (labels.Modality, study.Modality ?? "—"),
            (labels.ReferringPhysician, study.ReferringPhysicianName?.Replace('^', ' ').Trim() ?? "—"),
            (labels.Institution, study.InstitutionName ?? "—"),
        ]);
    }

    private static void WriteNarrative(PdfPageFlow flow, ReportText text, ReportLabels labels)
    {
        foreach (var (heading, body) in new[]
                 {
                     (labels.Indication, text.Indication), (labels.Technique, text.Technique),
                     (labels.Results, text.Results), (labels.Conclusion, text.Conclusion),
                 })
        {
            if (!string.IsNullOrWhiteSpace(body))
            {
                flow.Heading(heading);
                flow.Paragraph(body);
            }
        }
    }

    private static void WriteFindings(PdfPageFlow flow, IReadOnlyList<Finding> findings, ReportLabels labels, ReportLanguage language)
    {
        flow.Heading(labels.Findings);
        if (findings.Count == 0)
        {
            flow.Paragraph(labels.NoFindings);
            return;
        }
        flow.Table(
            [labels.ColumnNumber, labels.ColumnType, labels.ColumnLocation, labels.ColumnSize, labels.ColumnConfidence, labels.ColumnModel],
            [0.05f, 0.14f, 0.29f, 0.13f, 0.13f, 0.26f],
            findings.Select(finding => (IReadOnlyList<string>)
            [
                finding.Number.ToString(labels.Culture),
                ConceptNames.Display(finding.Type, language),
                Location(finding, language),
                string.Join(", ", finding.Measurements.Select(m => $"{labels.Number(m.Value)} {m.Unit.Code}")),
                labels.Number(finding.Confidence * 100, "0") + " %",
                $"{finding.Algorithm.Name} {finding.Algorithm.Version}",
            ]));
    }

    private static string Location(Finding finding, ReportLanguage language)
    {
        var parts = new[] { finding.Site is null ? null : ConceptNames.Display(finding.Site, language), finding.LocationText };
        var text = string.Join(", ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return text.Length > 0 ? text : "—";
    }

    private static void WriteKeyImages(PdfPageFlow flow, ReportDocument report, ReportLabels labels, ReportFonts fonts)
    {
        if (report.KeyImages.Count == 0)
        {
            return;
        }
        const float gap = 12f;
        flow.Heading(labels.KeyImages, keepWithNext: KeyImageSize + gap);
        for (var i = 0; i < report.KeyImages.Count; i += 2)
        {
            var origin = flow.Reserve(KeyImageSize + gap);
            foreach (var (image, column) in report.KeyImages.Skip(i).Take(2).Select((image, column) => (image, column)))
            {
                var box = SKRect.Create(origin.X + column * (KeyImageSize + gap), origin.Y, KeyImageSize, KeyImageSize);
                KeyImageRenderer.Draw(flow.Canvas, image, report.Findings, box, fonts.Regular);
            }
        }
    }

    private static void WriteClosing(PdfPageFlow flow, ReportDocument report, ReportLabels labels)
    {
        flow.Space(8);
        flow.Paragraph(labels.AiDisclaimer, 8f, color: new SKColor(0x55, 0x55, 0x55));
        if (report.Signature is { } signature)
        {
            flow.Space(6);
            var organisation = signature.Organization is { Length: > 0 } org ? $" ({org})" : string.Empty;
            flow.Paragraph($"{labels.SignedBy} {signature.RadiologistName}{organisation}, {labels.DateTime(signature.SignedAt)}",
                10f, bold: true);
        }
        else
        {
            flow.Paragraph(labels.AwaitingReview, 9f, bold: true, color: new SKColor(0xA0, 0x40, 0x00));
        }
    }
}
