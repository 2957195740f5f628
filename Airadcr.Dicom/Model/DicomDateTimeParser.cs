using System.Globalization;

namespace Airadcr.Dicom;

/// <summary>Parses DA, TM and DT values (PS3.5 6.2), including the ACR-NEMA "YYYY.MM.DD" and "HH:MM:SS" forms.</summary>
public static class DicomDateTimeParser
{
    public static bool TryParseDate(string text, out DateOnly date)
    {
        var s = text.Trim().Replace(".", "", StringComparison.Ordinal);
        return DateOnly.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    public static bool TryParseTime(string text, out TimeOnly time)
    {
        time = default;
        var s = text.Trim().Replace(":", "", StringComparison.Ordinal);
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var main = dot < 0 ? s : s[..dot];
        if (main.Length is not (2 or 4 or 6) || !main.All(char.IsAsciiDigit))
        {
            return false;
        }

        var h = int.Parse(main.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var m = main.Length >= 4 ? int.Parse(main.AsSpan(2, 2), CultureInfo.InvariantCulture) : 0;
        var sec = main.Length == 6 ? int.Parse(main.AsSpan(4, 2), CultureInfo.InvariantCulture) : 0;
        var ticks = 0L;
        if (dot >= 0)
        {
            var frac = s[(dot + 1)..];
            if (frac.Length is 0 or > 6 || !frac.All(char.IsAsciiDigit))
            {
                return false;
            }

            ticks = long.Parse(frac.PadRight(7, '0'), CultureInfo.InvariantCulture);
        }

        // 60 is allowed for leap seconds; clamp to 59.
        if (h > 23 || m > 59 || sec > 60)
        {
            return false;
        }

        time = new TimeOnly(h, m, Math.Min(sec, 59)).Add(TimeSpan.FromTicks(ticks));
        return true;
    }

    /// <summary>DT: YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&amp;ZZXX]. With an offset the result is UTC.</summary>
    public static bool TryParseDateTime(string text, out DateTime value)
    {
        value = default;
        var s = text.Trim();
        TimeSpan? offset = null;
        var signAt = s.IndexOfAny(['+', '-'], 4);
        if (signAt > 0)
        {
            var z = s[(signAt + 1)..];
            if (z.Length != 4 || !z.All(char.IsAsciiDigit))
            {
                return false;
            }

            var span = new TimeSpan(int.Parse(z[..2], CultureInfo.InvariantCulture), int.Parse(z[2..], CultureInfo.InvariantCulture), 0);
            offset = s[signAt] == '-' ? -span : span;
            s = s[..signAt];
        }

        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var main = dot < 0 ? s : s[..dot];
        if (main.Length is < 4 or > 14 || main.Length % 2 != 0 || !main.All(char.IsAsciiDigit))
        {
            return false;
        }

        var padded = main + "0101000000"[Math.Max(0, main.Length - 4)..];
        if (!DateTime.TryParseExact(padded, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
        {
            return false;
        }

        if (dot >= 0)
        {
            if (main.Length != 14 || !TryParseTime("000000" + s[dot..], out var frac))
            {
                return false;
            }

            dt = dt.AddTicks(frac.Ticks);
        }

        value = offset is { } o ? DateTime.SpecifyKind(dt - o, DateTimeKind.Utc) : dt;
        return true;
    }
}
