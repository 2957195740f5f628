using System.Numerics;
using Airadcr.Inference.Engine.Imaging;

namespace Airadcr.Inference.Tests.Phantoms;

/// <summary>A planted sphere: centre in patient mm and diameter in mm.</summary>
public sealed record PlantedNodule(Vector3 Centre, float DiameterMm);

/// <summary>
/// Synthetic chest CT in HU: air outside an elliptical body (40 HU), two elliptical lungs (-850 HU), solid nodules
/// (30 HU) at known positions, a vessel running through every slice and one running in-plane (40 HU, 3 mm), noise.
/// </summary>
public static class ChestCtPhantom
{
    public const int Size = 256;
    public const int Depth = 50;
    public const float PixelMm = 0.7f;
    public const float SliceMm = 1.0f;

    public static readonly IReadOnlyList<PlantedNodule> Nodules =
    [
        new(new Vector3(-38, -20, 20), 4),
        new(new Vector3(-36, 18, 26.4f), 8),
        new(new Vector3(38, -25, 17.5f), 6),
        new(new Vector3(36.3f, 8, 30), 12),
        new(new Vector3(42, 32, 24), 16),
    ];

    private static readonly Lazy<ImageVolume> Shared = new(() => SyntheticVolume.Axial("CT", Size, Depth, PixelMm, SliceMm, Hu, noise: 15, seed: 7));

    /// <summary>The phantom (built once per test run; treat as read-only).</summary>
    public static ImageVolume Build() => Shared.Value;

    public static float Hu(Vector3 p)
    {
        if (Nodules.Any(n => Vector3.Distance(p, n.Centre) <= n.DiameterMm / 2))
        {
            return 30;
        }

        if (Ellipse(p.X, p.Y, 0, 0, 85, 65) > 1)
        {
            return -1000;
        }

        var inLung = Ellipse(p.X, p.Y, -38, 0, 28, 45) <= 1 || Ellipse(p.X, p.Y, 38, 0, 28, 45) <= 1;
        if (!inLung)
        {
            return 40;
        }

        var verticalVessel = Ellipse(p.X, p.Y, -25, -35, 1.5f, 1.5f) <= 1;
        var inPlaneVessel = p.X is >= 20 and <= 55 && Ellipse(p.Y, p.Z, -5, 40, 1.5f, 1.5f) <= 1;
        return verticalVessel || inPlaneVessel ? 40 : -850;
    }

    private static float Ellipse(float x, float y, float cx, float cy, float ax, float ay) =>
        (((x - cx) / ax) * ((x - cx) / ax)) + (((y - cy) / ay) * ((y - cy) / ay));
}
