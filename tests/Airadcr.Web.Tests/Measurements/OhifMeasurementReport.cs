using System.Globalization;
using System.Net.Http.Headers;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;

namespace Airadcr.Web.Tests.Measurements;

/// <summary>
/// An SR as OHIF 3.13's "Create report" writes it with dcmjs (TID 1500, Comprehensive 3D SR, Person Observer
/// "unknown^unknown", one Measurement Group per tool: Tracking Identifier "Cornerstone3DTools@^0.1.0:Length", a
/// Finding when the reader labelled it, NUM Length in mm with its SCOORD), and the STOW-RS body OHIF sends.
/// </summary>
public static class OhifMeasurementReport
{
    public const string Boundary = "airadcr-test-boundary";
    public const string ContentType = $"multipart/related; type=\"application/dicom\"; boundary=\"{Boundary}\"";

    public static byte[] Part10(string studyUid, double lengthMm, string? label = null, string? sopInstanceUid = null)
    {
        var dataset = new DicomDataset();
        dataset.Add(DicomTag.SOPClassUID, DicomUids.Comprehensive3DSRStorage);
        dataset.Add(DicomTag.SOPInstanceUID, sopInstanceUid ?? DicomUidGenerator.New());
        dataset.Add(DicomTag.StudyInstanceUID, studyUid);
        dataset.Add(DicomTag.SeriesInstanceUID, DicomUidGenerator.New());
        dataset.Add(DicomTag.Modality, "SR");
        dataset.Add(DicomTag.SeriesDescription, "Research Derived Series");
        dataset.Add(DicomTag.SeriesNumber, DicomVR.IS, 3);
        dataset.Add(DicomTag.InstanceNumber, DicomVR.IS, 1);
        dataset.Add(DicomTag.ContentDate, "20261207");
        dataset.Add(DicomTag.ContentTime, "101500");
        dataset.Add(DicomTag.CompletionFlag, "COMPLETE");
        dataset.Add(DicomTag.VerificationFlag, "UNVERIFIED");
        dataset.Add(DicomTag.ValueType, "CONTAINER");
        dataset.Add(DicomTag.ConceptNameCodeSequence, Code("126000", "DCM", "Imaging Measurement Report"));
        dataset.Add(DicomTag.ContinuityOfContent, "SEPARATE");
        var group = new List<DicomDataset>
        {
            Item("HAS OBS CONTEXT", "TEXT", Code("112039", "DCM", "Tracking Identifier"), i => i.Add(DicomTag.TextValue, "Cornerstone3DTools@^0.1.0:Length")),
            Item("HAS OBS CONTEXT", "UIDREF", Code("112040", "DCM", "Tracking Unique Identifier"), i => i.Add(DicomTag.UID, DicomUidGenerator.New())),
        };
        if (label is not null)
        {
            group.Add(Item("CONTAINS", "CODE", Code("121071", "DCM", "Finding"), i => i.Add(DicomTag.ConceptCodeSequence, Code("CORNERSTONEFREETEXT", "CORNERSTONEJS", label))));
        }
        group.Add(Item("CONTAINS", "NUM", Code("410668003", "SCT", "Length"), i =>
        {
            var measured = new DicomDataset();
            measured.Add(DicomTag.MeasurementUnitsCodeSequence, Code("mm", "UCUM", "mm"));
            measured.Add(DicomTag.NumericValue, DicomVR.DS, lengthMm.ToString(CultureInfo.InvariantCulture));
            i.Add(DicomTag.MeasuredValueSequence, measured);
        }));
        dataset.Add(DicomTag.ContentSequence,
            Item("HAS OBS CONTEXT", "PNAME", Code("121008", "DCM", "Person Observer Name"), i => i.Add(DicomTag.PersonName, "unknown^unknown")),
            Item("CONTAINS", "CONTAINER", Code("126010", "DCM", "Imaging Measurements"), i => i.Add(DicomTag.ContentSequence,
                Item("CONTAINS", "CONTAINER", Code("125007", "DCM", "Measurement Group"), g => g.Add(DicomTag.ContentSequence, [.. group])))));
        return DicomFileWriter.ToArray(new DicomFile(dataset));
    }

    /// <summary>The multipart/related body OHIF's dicomweb-client posts, one part per file.</summary>
    public static byte[] Body(params byte[][] parts)
    {
        using var body = new MemoryStream();
        foreach (var part in parts)
        {
            body.Write(System.Text.Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Type: application/dicom\r\n\r\n"));
            body.Write(part);
            body.Write("\r\n"u8);
        }
        body.Write(System.Text.Encoding.ASCII.GetBytes($"--{Boundary}--\r\n"));
        return body.ToArray();
    }

    public static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        return content;
    }

    private static DicomDataset Code(string value, string scheme, string meaning)
    {
        var code = new DicomDataset();
        code.Add(DicomTag.CodeValue, value);
        code.Add(DicomTag.CodingSchemeDesignator, scheme);
        code.Add(DicomTag.CodeMeaning, meaning);
        return code;
    }

    private static DicomDataset Item(string relationship, string valueType, DicomDataset name, Action<DicomDataset> fill)
    {
        var item = new DicomDataset();
        item.Add(DicomTag.RelationshipType, relationship);
        item.Add(DicomTag.ValueType, valueType);
        item.Add(DicomTag.ConceptNameCodeSequence, name);
        fill(item);
        return item;
    }
}
