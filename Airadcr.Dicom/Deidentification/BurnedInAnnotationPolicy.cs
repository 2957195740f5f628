namespace Airadcr.Dicom.Deidentification;

/// <summary>
/// Which instances may carry identifiers burned into their pixels (PS3.15 E.3.1, Clean Pixel Data Option): Burned In
/// Annotation YES, the Secondary Capture, Ultrasound and encapsulated document SOP classes, and the modalities US, SC,
/// OT and DOC. Those are refused unless a <see cref="CleanPixelRule"/> covers them; a rule that matches any other
/// image cleans it too.
/// </summary>
internal static class BurnedInAnnotationPolicy
{
    private static readonly Dictionary<string, string> RiskyClasses = new(StringComparer.Ordinal)
    {
        ["1.2.840.10008.5.1.4.1.1.7"] = "Secondary Capture",
        ["1.2.840.10008.5.1.4.1.1.7.1"] = "Multi-frame Single Bit Secondary Capture",
        ["1.2.840.10008.5.1.4.1.1.7.2"] = "Multi-frame Grayscale Byte Secondary Capture",
        ["1.2.840.10008.5.1.4.1.1.7.3"] = "Multi-frame Grayscale Word Secondary Capture",
        ["1.2.840.10008.5.1.4.1.1.7.4"] = "Multi-frame True Color Secondary Capture",
        ["1.2.840.10008.5.1.4.1.1.6"] = "Ultrasound (retired)",
        ["1.2.840.10008.5.1.4.1.1.6.1"] = "Ultrasound",
        ["1.2.840.10008.5.1.4.1.1.6.2"] = "Enhanced US Volume",
        ["1.2.840.10008.5.1.4.1.1.3"] = "Ultrasound Multi-frame (retired)",
        ["1.2.840.10008.5.1.4.1.1.3.1"] = "Ultrasound Multi-frame",
        ["1.2.840.10008.5.1.4.1.1.104.1"] = "Encapsulated PDF",
        ["1.2.840.10008.5.1.4.1.1.104.2"] = "Encapsulated CDA",
    };

    private static readonly HashSet<string> RiskyModalities = new(StringComparer.OrdinalIgnoreCase) { "US", "SC", "OT", "DOC" };

    /// <summary>Why the instance may carry burned-in identifiers, or null.</summary>
    public static string? Risk(DicomDataset dataset)
    {
        if (Text(dataset, DicomTag.BurnedInAnnotation) is { } burned && burned.Equals("YES", StringComparison.OrdinalIgnoreCase))
        {
            return "Burned In Annotation is YES";
        }

        if (Text(dataset, DicomTag.SOPClassUID) is { } sopClass && RiskyClasses.TryGetValue(sopClass, out var name))
        {
            return $"its SOP class ({name}) may carry burned-in identifiers";
        }

        return Text(dataset, DicomTag.Modality) is { } modality && RiskyModalities.Contains(modality)
            ? $"its modality ({modality.ToUpperInvariant()}) may carry burned-in identifiers"
            : null;
    }

    /// <summary>The rectangles of every rule that matches the instance (modality, manufacturer prefix, rows, columns).</summary>
    public static IReadOnlyList<PixelRectangle> Rectangles(DicomDataset dataset, IReadOnlyList<CleanPixelRule> rules)
    {
        var modality = Text(dataset, DicomTag.Modality) ?? "";
        var manufacturer = Text(dataset, DicomTag.Manufacturer) ?? "";
        var rows = dataset.GetValueOrDefault(DicomTag.Rows, -1);
        var columns = dataset.GetValueOrDefault(DicomTag.Columns, -1);
        return
        [
            .. rules.Where(r => (r.Modality is null || r.Modality.Equals(modality, StringComparison.OrdinalIgnoreCase))
                                && (r.Manufacturer is null || manufacturer.StartsWith(r.Manufacturer, StringComparison.OrdinalIgnoreCase))
                                && (r.Rows is null || r.Rows == rows)
                                && (r.Columns is null || r.Columns == columns))
                .SelectMany(r => r.Rectangles),
        ];
    }

    private static string? Text(DicomDataset dataset, DicomTag tag) =>
        dataset.TryGetElement(tag, out var e) && e.Length > 0 ? e.GetString(dataset.Charset) : null;
}
