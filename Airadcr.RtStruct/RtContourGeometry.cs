namespace Airadcr.RtStruct;

/// <summary>Contour Geometric Type (3006,0042).</summary>
public enum RtContourGeometry
{
    ClosedPlanar,
    OpenPlanar,
    OpenNonplanar,
    Point,
}
