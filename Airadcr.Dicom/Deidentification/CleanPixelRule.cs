namespace Airadcr.Dicom.Deidentification;

/// <summary>
/// A Clean Pixel Data rule: the rectangles to blank in images of one modality, manufacturer and size. A null criterion
/// matches anything; the modality and manufacturer compare case-insensitively, the manufacturer as a prefix.
/// </summary>
public sealed record CleanPixelRule(string? Modality, string? Manufacturer, int? Rows, int? Columns, IReadOnlyList<PixelRectangle> Rectangles);

/// <summary>A rectangle of pixels, origin at the top-left corner of the frame (column <paramref name="X"/>, row <paramref name="Y"/>).</summary>
public sealed record PixelRectangle(int X, int Y, int Width, int Height);

/// <summary>Clean Pixel Data rules as JSON: an array of {"modality", "manufacturer", "rows", "columns",
/// "rectangles": [{"x", "y", "width", "height"}]}, names case-insensitive, criteria optional.</summary>
public static class CleanPixelRules
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <exception cref="FormatException">Not such an array, or a rectangle with no area.</exception>
    public static IReadOnlyList<CleanPixelRule> FromJson(string json)
    {
        List<CleanPixelRule>? rules;
        try
        {
            rules = System.Text.Json.JsonSerializer.Deserialize<List<CleanPixelRule>>(json, Json);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new FormatException($"pixel rules: {ex.Message}", ex);
        }

        if (rules is null || rules.Any(r => r.Rectangles is null || r.Rectangles.Count == 0 || r.Rectangles.Any(x => x.Width <= 0 || x.Height <= 0)))
        {
            throw new FormatException("pixel rules: each rule needs rectangles with a positive width and height");
        }

        return rules;
    }
}
