namespace Airadcr.Testing;

/// <summary>A ROI of known geometry for <see cref="SyntheticRtStudy"/>: its closed planar contours on an axial plane
/// at height z (patient coordinates, mm), and its analytic volume and surface.</summary>
public abstract record SyntheticRtShape(string Name, byte R, byte G, byte B, string InterpretedType)
{
    /// <summary>Polygons (x,y pairs) of the shape's cross-section at <paramref name="z"/>; none outside it.</summary>
    public abstract IReadOnlyList<double[]> Contours(double z);

    public abstract double VolumeMm3 { get; }

    public abstract double SurfaceMm2 { get; }

    /// <summary>The shape's centre (x, y, z) in mm.</summary>
    public abstract (double X, double Y, double Z) Centre { get; }
}

/// <summary>A sphere: on each plane a circle of <see cref="PointsPerCircle"/> points.</summary>
public sealed record SyntheticSphere(string Name, double X, double Y, double Z, double RadiusMm, byte R = 255, byte G = 0, byte B = 0,
    string InterpretedType = "GTV", int PointsPerCircle = 128) : SyntheticRtShape(Name, R, G, B, InterpretedType)
{
    public override IReadOnlyList<double[]> Contours(double z)
    {
        var dz = z - Z;
        if (Math.Abs(dz) >= RadiusMm)
        {
            return [];
        }

        return [SyntheticPolygons.Circle(X, Y, Math.Sqrt(RadiusMm * RadiusMm - dz * dz), PointsPerCircle)];
    }

    public override double VolumeMm3 => 4.0 / 3.0 * Math.PI * Math.Pow(RadiusMm, 3);

    public override double SurfaceMm2 => 4 * Math.PI * RadiusMm * RadiusMm;

    public override (double X, double Y, double Z) Centre => (X, Y, Z);
}

/// <summary>An axis-aligned box [min, max] in mm: contoured on the planes with MinZ <= z < MaxZ (put the limits half a
/// slice from the planes and each contour stands for exactly its slab).</summary>
public sealed record SyntheticBox(string Name, double MinX, double MinY, double MinZ, double MaxX, double MaxY, double MaxZ,
    byte R = 0, byte G = 255, byte B = 0, string InterpretedType = "ORGAN") : SyntheticRtShape(Name, R, G, B, InterpretedType)
{
    public override IReadOnlyList<double[]> Contours(double z) =>
        z < MinZ || z >= MaxZ ? [] : [[MinX, MinY, MaxX, MinY, MaxX, MaxY, MinX, MaxY]];

    public override double VolumeMm3 => (MaxX - MinX) * (MaxY - MinY) * (MaxZ - MinZ);

    public override double SurfaceMm2 => 2 * ((MaxX - MinX) * (MaxY - MinY) + (MaxY - MinY) * (MaxZ - MinZ) + (MaxX - MinX) * (MaxZ - MinZ));

    public override (double X, double Y, double Z) Centre => ((MinX + MaxX) / 2, (MinY + MaxY) / 2, (MinZ + MaxZ) / 2);
}

/// <summary>A thick-walled tube along z (outer and inner circle on each plane): a ROI with a hole.</summary>
public sealed record SyntheticTube(string Name, double X, double Y, double MinZ, double MaxZ, double OuterRadiusMm, double InnerRadiusMm,
    byte R = 0, byte G = 0, byte B = 255, string InterpretedType = "AVOIDANCE", int PointsPerCircle = 128) : SyntheticRtShape(Name, R, G, B, InterpretedType)
{
    public override IReadOnlyList<double[]> Contours(double z) => z < MinZ || z >= MaxZ
        ? []
        : [SyntheticPolygons.Circle(X, Y, OuterRadiusMm, PointsPerCircle), SyntheticPolygons.Circle(X, Y, InnerRadiusMm, PointsPerCircle)];

    public override double VolumeMm3 => Math.PI * (OuterRadiusMm * OuterRadiusMm - InnerRadiusMm * InnerRadiusMm) * (MaxZ - MinZ);

    public override double SurfaceMm2 => 2 * Math.PI * (OuterRadiusMm + InnerRadiusMm) * (MaxZ - MinZ)
                                         + 2 * Math.PI * (OuterRadiusMm * OuterRadiusMm - InnerRadiusMm * InnerRadiusMm);

    public override (double X, double Y, double Z) Centre => (X, Y, (MinZ + MaxZ) / 2);
}

internal static class SyntheticPolygons
{
    /// <summary>A circle through <paramref name="points"/> vertices placed so that the polygon's area equals the circle's.</summary>
    public static double[] Circle(double x, double y, double radius, int points)
    {
        // A regular n-gon inscribed in radius r has area n/2 r^2 sin(2pi/n); scale r so it equals pi r^2.
        var scale = Math.Sqrt(2 * Math.PI / (points * Math.Sin(2 * Math.PI / points)));
        var polygon = new double[points * 2];
        for (var i = 0; i < points; i++)
        {
            var a = 2 * Math.PI * i / points;
            polygon[2 * i] = x + radius * scale * Math.Cos(a);
            polygon[2 * i + 1] = y + radius * scale * Math.Sin(a);
        }

        return polygon;
    }
}
