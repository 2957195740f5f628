namespace Airadcr.RtStruct;

/// <summary>One item of a ROI's Contour Sequence: its geometry, its points in patient coordinates (mm, LPS) as
/// x,y,z triples, and the images it says it lies on (Contour Image Sequence).</summary>
public sealed record RtContour(RtContourGeometry Geometry, double[] Points, IReadOnlyList<string> ReferencedSopInstanceUids)
{
    public int PointCount => Points.Length / 3;
}
