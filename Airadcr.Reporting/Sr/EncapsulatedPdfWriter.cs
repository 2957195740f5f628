using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Reporting.Model;

namespace Airadcr.Reporting.Sr;

/// <summary>The report PDF as an Encapsulated PDF instance (SOP class 1.2.840.10008.5.1.4.1.1.104.1) in the same study.</summary>
public static class EncapsulatedPdfWriter
{
    /// <summary>The AI results' PDF series.</summary>
    public const int SeriesNumber = 9002;

    /// <summary>The signed report's PDF series: its own number and description, so a viewer lists the two apart.</summary>
    public const int SignedSeriesNumber = 9004;

    public static DicomFile Write(ReportDocument report, byte[] pdf)
    {
        var (seriesNumber, description) = report.IsSigned
            ? (SignedSeriesNumber, "AIRADCR signed report (PDF)")
            : (SeriesNumber, "AIRADCR AI results (PDF)");
        var dataset = ReportInstanceHeader.Create(report.Study, DicomUids.EncapsulatedPDFStorage, "DOC",
            description, seriesNumber, report.CreatedAt, report.InstanceUidName);
        dataset.Add(DicomTag.ConversionType, "WSD");
        dataset.Add(DicomTag.AcquisitionDateTime, SrContent.DicomDateTime(report.CreatedAt));
        dataset.Add(DicomTag.BurnedInAnnotation, "YES");
        dataset.Add(DicomTag.DocumentTitle, report.Text.Title);
        dataset.Add(DicomTag.ConceptNameCodeSequence, SrContent.Code(SrConcepts.DiagnosticImagingReport));
        dataset.Add(DicomTag.MIMETypeOfEncapsulatedDocument, "application/pdf");
        dataset.Add(DicomTag.EncapsulatedDocumentLength, DicomVR.UL, (uint)pdf.Length);
        // OB values must have an even length: pad with one NUL (the length above keeps the PDF's own size).
        var value = pdf.Length % 2 == 0 ? pdf : [.. pdf, 0];
        dataset.AddOrUpdate(new DicomElement(DicomTag.EncapsulatedDocument, DicomVR.OB, value));
        if (report.SourceImages.Count > 0)
        {
            dataset.Add(DicomTag.SourceInstanceSequence, [.. report.SourceImages.Select(image => SrContent.SopReference(image.SopClassUid, image.SopInstanceUid))]);
        }
        return ReportInstanceHeader.Complete(dataset);
    }
}
