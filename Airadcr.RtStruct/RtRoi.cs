namespace Airadcr.RtStruct;

/// <summary>A ROI joined from the Structure Set ROI, ROI Contour and RT ROI Observations sequences by ROI number.
/// <see cref="Error"/> is set (and <see cref="Contours"/> empty) when its contours could not be read, e.g. malformed
/// Contour Data or more points than <see cref="RtStructureSet.DefaultMaxPointsPerRoi"/>.</summary>
public sealed record RtRoi(
    int Number,
    string Name,
    RtColor? Color,
    string? InterpretedType,
    string? FrameOfReferenceUid,
    IReadOnlyList<RtContour> Contours,
    string? Error = null);

/// <summary>ROI Display Color (3006,002A).</summary>
public readonly record struct RtColor(byte R, byte G, byte B);
