using System.Globalization;

namespace Airadcr.RtStruct;

/// <summary>Parses a DS value (backslash-separated decimal strings) straight from its bytes: Contour Data holds
/// hundreds of thousands of numbers, parsing without one string per number keeps that fast and small.</summary>
internal static class DecimalStrings
{
    public static int Count(ReadOnlySpan<byte> value)
    {
        var trimmed = Trim(value);
        return trimmed.IsEmpty ? 0 : trimmed.Count((byte)'\\') + 1;
    }

    /// <summary>Fills <paramref name="destination"/> (of <see cref="Count"/> values); false on a value that is no number.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, Span<double> destination)
    {
        var rest = Trim(value);
        for (var i = 0; i < destination.Length; i++)
        {
            var end = rest.IndexOf((byte)'\\');
            var token = Trim(end < 0 ? rest : rest[..end]);
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            {
                return false;
            }

            destination[i] = number;
            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return true;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value) => value.Trim(" \0"u8);
}
