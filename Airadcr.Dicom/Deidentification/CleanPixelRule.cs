namespace Airadcr.Dicom.Deidentification;

/// <summary>
/// A Clean Pixel Data rule: the rectangles to blank in images of one modality, manufacturer and size. A null criterion
/// matches anything; the modality and manufacturer compare case-insensitively, the manufacturer as a prefix.
/// </summary>
public sealed record CleanPixelRule(string? Modality, string? Manufacturer, int? Rows, int? Columns, IReadOnlyList<PixelRectangle> Rectangles);

/// <summary>A rectangle of pixels, origin at the top-left corner of the frame (column <paramref name="X"/>, row <paramref name="Y"/>).</summary>
public sealed record PixelRectangle(int X, int Y, int Width, int Height);
