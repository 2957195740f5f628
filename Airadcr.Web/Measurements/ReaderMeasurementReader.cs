using System.Globalization;
using Airadcr.Dicom;

namespace Airadcr.Web.Measurements;

/// <summary>
/// Reads the numeric measurements of a TID 1500 "Imaging Measurement Report" (what OHIF's "Create report" writes
/// with dcmjs): each Measurement Group (125007) under Imaging Measurements (126010), its Finding (121071) code or,
/// else, its Tracking Identifier text (OHIF's label), and each NUM item with its Measured Value Sequence.
/// </summary>
public static class ReaderMeasurementReader
{
    private const string ImagingMeasurements = "126010";
    private const string MeasurementGroup = "125007";
    private const string Finding = "121071";
    private const string TrackingIdentifier = "112039";

    public static IReadOnlyList<ReaderMeasurement> Read(DicomDataset report, string? savedBy)
    {
        var savedAt = SavedAt(report);
        var measurements = new List<ReaderMeasurement>();
        foreach (var container in Children(report).Where(item => ConceptCode(item) == ImagingMeasurements))
        {
            foreach (var group in Children(container).Where(item => ConceptCode(item) == MeasurementGroup))
            {
                var children = Children(group).ToList();
                var label = children.Where(c => ConceptCode(c) == Finding).Select(c => Meaning(c, DicomTag.ConceptCodeSequence)).FirstOrDefault(m => m is not null)
                    ?? children.Where(c => ConceptCode(c) == TrackingIdentifier).Select(Label).FirstOrDefault(t => t is not null);
                foreach (var number in children.Where(c => c.GetStringOrDefault(DicomTag.ValueType)?.Trim() == "NUM"))
                {
                    if (Numeric(number) is ({ } value, var unit))
                    {
                        measurements.Add(new ReaderMeasurement(label, Meaning(number, DicomTag.ConceptNameCodeSequence) ?? "?", value, unit, savedBy, savedAt));
                    }
                }
            }
        }
        return measurements;
    }

    /// <summary>OHIF writes "Cornerstone3DTools@^0.1.0:Length" (the tool) when the reader gave no label: that is no label.</summary>
    private static string? Label(DicomDataset tracking)
    {
        var text = tracking.GetStringOrDefault(DicomTag.TextValue)?.Trim();
        return text is null || text.StartsWith("Cornerstone", StringComparison.OrdinalIgnoreCase) ? null : text;
    }

    private static (double? Value, string Unit) Numeric(DicomDataset item)
    {
        if (!item.TryGetSequence(DicomTag.MeasuredValueSequence, out var measured) || measured.Items.Count == 0)
        {
            return (null, "");
        }
        var value = measured.Items[0];
        var text = value.GetStringOrDefault(DicomTag.NumericValue)?.Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return (null, "");
        }
        var unit = value.TryGetSequence(DicomTag.MeasurementUnitsCodeSequence, out var units) && units.Items.Count > 0
            ? units.Items[0].GetStringOrDefault(DicomTag.CodeValue)?.Trim() ?? ""
            : "";
        return (number, unit);
    }

    private static DateTimeOffset? SavedAt(DicomDataset report)
    {
        var date = report.GetStringOrDefault(DicomTag.ContentDate)?.Trim();
        var time = report.GetStringOrDefault(DicomTag.ContentTime)?.Trim() ?? "";
        return date is { Length: 8 } && DicomDateTimeParser.TryParseDateTime(date + time, out var value)
            ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), TimeSpan.Zero)
            : null;
    }

    private static IEnumerable<DicomDataset> Children(DicomDataset item) =>
        item.TryGetSequence(DicomTag.ContentSequence, out var content) ? content.Items : [];

    private static string? ConceptCode(DicomDataset item) =>
        item.TryGetSequence(DicomTag.ConceptNameCodeSequence, out var name) && name.Items.Count > 0
            ? name.Items[0].GetStringOrDefault(DicomTag.CodeValue)?.Trim()
            : null;

    private static string? Meaning(DicomDataset item, DicomTag sequence) =>
        item.TryGetSequence(sequence, out var codes) && codes.Items.Count > 0
            ? codes.Items[0].GetStringOrDefault(DicomTag.CodeMeaning)?.Trim()
            : null;
}
