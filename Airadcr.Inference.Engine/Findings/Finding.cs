using System.Numerics;

namespace Airadcr.Inference.Engine.Findings;

/// <summary>One thing a model reports: what, where, how big and how sure.</summary>
public sealed record Finding(
    string ModelId,
    string ModelVersion,
    CodedConcept Type,
    FindingLocation Location,
    FindingSize Size,
    double Confidence);

/// <summary>
/// Where a finding is: the instance and frame holding its centre, the centre in pixels (column x, row y) of that
/// frame and in patient coordinates (mm), its in-plane bounding box in pixels and the planes it spans.
/// </summary>
public sealed record FindingLocation(
    string SeriesInstanceUid,
    string SopInstanceUid,
    int Frame,
    PixelPoint Pixel,
    PatientPoint Patient,
    PixelBox BoundingBox,
    int FirstPlane,
    int LastPlane);

public sealed record PixelPoint(double X, double Y);

public sealed record PatientPoint(double X, double Y, double Z)
{
    public static PatientPoint From(Vector3 v) => new(Math.Round(v.X, 2), Math.Round(v.Y, 2), Math.Round(v.Z, 2));
}

public sealed record PixelBox(int X, int Y, int Width, int Height);

/// <summary>Sizes in mm (equivalent-sphere diameter), mm² (largest in-plane area) and mL; null where not meaningful.</summary>
public sealed record FindingSize(double? DiameterMm, double? AreaMm2, double? VolumeMl);
