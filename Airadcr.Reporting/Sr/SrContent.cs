using System.Globalization;
using Airadcr.Dicom;
using Airadcr.Reporting.Model;

namespace Airadcr.Reporting.Sr;

/// <summary>Builders of SR content items (PS3.3 C.17.3): one method per value type.</summary>
internal static class SrContent
{
    public const string Contains = "CONTAINS";
    public const string HasObsContext = "HAS OBS CONTEXT";
    public const string HasConceptModifier = "HAS CONCEPT MOD";
    public const string HasProperties = "HAS PROPERTIES";
    public const string SelectedFrom = "SELECTED FROM";
    public const string InferredFrom = "INFERRED FROM";

    public static DicomDataset Code(CodedConcept concept)
    {
        var item = new DicomDataset();
        item.Add(DicomTag.CodeValue, concept.Code);
        item.Add(DicomTag.CodingSchemeDesignator, concept.Scheme);
        item.Add(DicomTag.CodeMeaning, concept.Meaning);
        return item;
    }

    public static DicomDataset Container(string? relationship, CodedConcept name, IEnumerable<DicomDataset> children)
    {
        var item = Item(relationship, "CONTAINER", name);
        item.Add(DicomTag.ContinuityOfContent, "SEPARATE");
        return WithChildren(item, children);
    }

    /// <summary>Makes <paramref name="dataset"/> the root CONTAINER of an SR document built on DCMR template <paramref name="templateId"/>.</summary>
    public static void SetRoot(DicomDataset dataset, CodedConcept name, string templateId, IEnumerable<DicomDataset> content)
    {
        dataset.Add(DicomTag.ValueType, "CONTAINER");
        dataset.Add(DicomTag.ConceptNameCodeSequence, Code(name));
        dataset.Add(DicomTag.ContinuityOfContent, "SEPARATE");
        var template = new DicomDataset();
        template.Add(DicomTag.MappingResource, "DCMR");
        template.Add(DicomTag.TemplateIdentifier, templateId);
        dataset.Add(DicomTag.ContentTemplateSequence, template);
        dataset.Add(DicomTag.ContentSequence, [.. content]);
    }

    public static DicomDataset CodeItem(string relationship, CodedConcept name, CodedConcept value)
    {
        var item = Item(relationship, "CODE", name);
        item.Add(DicomTag.ConceptCodeSequence, Code(value));
        return item;
    }

    public static DicomDataset Text(string relationship, CodedConcept name, string text)
    {
        var item = Item(relationship, "TEXT", name);
        item.Add(DicomTag.TextValue, text);
        return item;
    }

    public static DicomDataset PersonName(string relationship, CodedConcept name, string personName)
    {
        var item = Item(relationship, "PNAME", name);
        item.Add(DicomTag.PersonName, personName);
        return item;
    }

    public static DicomDataset UidRef(string relationship, CodedConcept name, string uid)
    {
        var item = Item(relationship, "UIDREF", name);
        item.Add(DicomTag.UID, uid);
        return item;
    }

    /// <summary>A NUM item; <paramref name="inferredFrom"/> are its INFERRED FROM children (e.g. the region it was measured on).</summary>
    public static DicomDataset Num(string relationship, CodedConcept name, double value, CodedConcept unit, params IEnumerable<DicomDataset> inferredFrom)
    {
        var item = Item(relationship, "NUM", name);
        var measured = new DicomDataset();
        measured.Add(DicomTag.MeasurementUnitsCodeSequence, Code(unit));
        measured.Add(DicomTag.NumericValue, DicomVR.DS, Math.Round(value, 4));
        item.Add(DicomTag.MeasuredValueSequence, measured);
        return WithChildren(item, inferredFrom);
    }

    /// <summary>An IMAGE item; <paramref name="name"/> is optional for image references.</summary>
    public static DicomDataset Image(string relationship, CodedConcept? name, string sopClassUid, string sopInstanceUid, int? frame = null)
    {
        var item = Item(relationship, "IMAGE", name);
        item.Add(DicomTag.ReferencedSOPSequence, SopReference(sopClassUid, sopInstanceUid, frame));
        return item;
    }

    public static DicomDataset SopReference(string sopClassUid, string sopInstanceUid, int? frame = null)
    {
        var reference = new DicomDataset();
        reference.Add(DicomTag.ReferencedSOPClassUID, sopClassUid);
        reference.Add(DicomTag.ReferencedSOPInstanceUID, sopInstanceUid);
        if (frame is { } number)
        {
            reference.Add(DicomTag.ReferencedFrameNumber, DicomVR.IS, number);
        }
        return reference;
    }

    /// <summary>A 2D spatial coordinate (image pixels, column/row pairs) with the image it is selected from.</summary>
    public static DicomDataset Scoord(string relationship, CodedConcept name, string graphicType, float[] points, DicomDataset selectedFrom)
    {
        var item = Item(relationship, "SCOORD", name);
        item.Add(DicomTag.GraphicData, DicomVR.FL, points);
        item.Add(DicomTag.GraphicType, graphicType);
        return WithChildren(item, [selectedFrom]);
    }

    /// <summary>A 3D spatial coordinate in the patient coordinate system of a frame of reference.</summary>
    public static DicomDataset Scoord3D(string relationship, CodedConcept name, string graphicType, float[] points, string frameOfReferenceUid)
    {
        var item = Item(relationship, "SCOORD3D", name);
        item.Add(DicomTag.ReferencedFrameOfReferenceUID, frameOfReferenceUid);
        item.Add(DicomTag.GraphicData, DicomVR.FL, points);
        item.Add(DicomTag.GraphicType, graphicType);
        return item;
    }

    public static string DicomDate(DateTimeOffset value) => value.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string DicomTime(DateTimeOffset value) => value.ToString("HHmmss", CultureInfo.InvariantCulture);

    public static string DicomDateTime(DateTimeOffset value) => value.ToString("yyyyMMddHHmmsszzz", CultureInfo.InvariantCulture).Replace(":", "", StringComparison.Ordinal);

    private static DicomDataset Item(string? relationship, string valueType, CodedConcept? name)
    {
        var item = new DicomDataset();
        if (relationship is not null)
        {
            item.Add(DicomTag.RelationshipType, relationship);
        }
        item.Add(DicomTag.ValueType, valueType);
        if (name is not null)
        {
            item.Add(DicomTag.ConceptNameCodeSequence, Code(name));
        }
        return item;
    }

    private static DicomDataset WithChildren(DicomDataset item, IEnumerable<DicomDataset> children)
    {
        var list = children.ToArray();
        if (list.Length > 0)
        {
            item.Add(DicomTag.ContentSequence, list);
        }
        return item;
    }
}
