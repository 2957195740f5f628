using System.Globalization;

namespace Airadcr.Dicom.Deidentification;

/// <summary>Moves DA and DT values by whole days, keeping their precision and the time of day; a value that is not a
/// date is replaced by the dummy date rather than kept.</summary>
internal static class DateShift
{
    /// <summary>One DA value: YYYYMMDD (or the ACR-NEMA YYYY.MM.DD), or a range with "-".</summary>
    public static string Date(string value, int days)
    {
        if (value.Contains('-', StringComparison.Ordinal))
        {
            return string.Join('-', value.Split('-').Select(part => part.Length == 0 ? part : Date(part, days)));
        }

        var digits = value.Trim().Replace(".", "", StringComparison.Ordinal);
        return DateOnly.TryParseExact(digits, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.AddDays(days).ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            : DummyValues.Date;
    }

    /// <summary>One DT value: YYYY[MM[DD[HH[MM[SS[.F]]]]]][&amp;ZZXX]: the date part moves, the rest stays; a year or
    /// a year and month move as their first day would and keep their precision.</summary>
    public static string DateTime(string value, int days)
    {
        var text = value.Trim();
        var end = text.IndexOfAny(['+', '-']);
        var main = end >= 0 ? text[..end] : text;
        var offset = end >= 0 ? text[end..] : "";
        if (main.Length < 4 || !main[..Math.Min(8, main.Length)].All(char.IsAsciiDigit))
        {
            return DummyValues.DateTime;
        }

        var precision = Math.Min(8, main.Length);
        var full = main[..precision].PadRight(8, '0');
        full = precision switch { 4 => full[..4] + "0101", 6 => full[..6] + "01", _ => full };
        if (!DateOnly.TryParseExact(full, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return DummyValues.DateTime;
        }

        return date.AddDays(days).ToString("yyyyMMdd", CultureInfo.InvariantCulture)[..precision] + main[precision..] + offset;
    }
}
