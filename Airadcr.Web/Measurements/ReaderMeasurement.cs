using System.Globalization;

namespace Airadcr.Web.Measurements;

/// <summary>
/// One measurement a reader made in OHIF and saved into the study (a TID 1500 Measurement Group's numeric item):
/// what was measured (the group's finding or tracking label, and the measurement's concept), its value and unit,
/// who saved it (the Web's audit of the STOW; null when it was stored some other way) and when.
/// </summary>
public sealed record ReaderMeasurement(string? Label, string Concept, double Value, string Unit, string? SavedBy, DateTimeOffset? SavedAt)
{
    /// <summary>The line appended to the report text: "Label: Length 23.5 mm" (the label only when the reader gave one).</summary>
    public string Text
    {
        get
        {
            var value = Value.ToString("0.##", CultureInfo.CurrentCulture) + (Unit is { Length: > 0 } ? " " + Unit : "");
            return Label is { Length: > 0 } label ? $"{label}: {Concept} {value}" : $"{Concept} {value}";
        }
    }
}
