using System.Numerics;
using Airadcr.Inference.Engine.Imaging;

namespace Airadcr.Inference.Tests.Phantoms;

/// <summary>
/// Synthetic T1-like head MR: an ellipsoidal brain of known volume (600), a gap (CSF, 0) and a bright skull/scalp
/// shell (1000), noise.
/// </summary>
public static class BrainMrPhantom
{
    public const int Size = 128;
    public const int Depth = 50;
    public const float PixelMm = 1.2f;
    public const float SliceMm = 2.0f;
    private static readonly Vector3 Centre = new(0, 0, 50);
    private static readonly Vector3 SemiAxes = new(50, 60, 35);

    /// <summary>The brain's true volume, 4/3 pi a b c, in mL.</summary>
    public static double BrainVolumeMl => 4.0 / 3 * Math.PI * SemiAxes.X * SemiAxes.Y * SemiAxes.Z / 1000;

    private static readonly Lazy<ImageVolume> Shared = new(() =>
        SyntheticVolume.Axial("MR", Size, Depth, PixelMm, SliceMm, Intensity, noise: 10, seed: 11, series: "1.2.826.0.1.3680043.10.1136.1.2"));

    /// <summary>The phantom (built once per test run; treat as read-only).</summary>
    public static ImageVolume Build() => Shared.Value;

    public static float Intensity(Vector3 p)
    {
        var q = (p - Centre) / SemiAxes;
        var r = q.Length();
        return r <= 1 ? 600 : r is >= 1.15f and <= 1.3f ? 1000 : 0;
    }
}
