using System.Numerics;
using Airadcr.Inference.Engine.Imaging;

namespace Airadcr.Inference.Tests.Phantoms;

public enum NoduleKind
{
    Solid,
    GroundGlass,
    PartSolid,
}

public enum NoduleSite
{
    /// <summary>Surrounded by lung.</summary>
    Free,

    /// <summary>Touching the chest wall or mediastinum (juxtapleural), up to 30% of its radius inside the wall.</summary>
    Pleura,

    /// <summary>Overlapping a vessel by 40% of its radius.</summary>
    Vessel,
}

/// <summary>
/// A planted nodule: a sphere of <see cref="DiameterMm"/> at <see cref="Centre"/> (patient mm) of <see cref="Hu"/>;
/// a part-solid one holds a solid (30 HU) core of <see cref="CoreDiameterMm"/>.
/// </summary>
public sealed record ThoraxNodule(Vector3 Centre, float DiameterMm, NoduleKind Kind, NoduleSite Site, float Hu, float CoreDiameterMm = 0)
{
    public override string ToString() =>
        $"{Kind} {Site} {DiameterMm:F1} mm at ({Centre.X:F1}, {Centre.Y:F1}, {Centre.Z:F1}) {Hu:F0} HU{(CoreDiameterMm > 0 ? $" core {CoreDiameterMm:F1} mm" : "")}";
}

/// <summary>How the phantom is scanned: in-plane pixel, slice thickness (= spacing), noise (HU, Gaussian).</summary>
public sealed record ThoraxScan(int Seed, float PixelMm, float SliceMm, float NoiseHu)
{
    public const int Matrix = 160;
    public const float SpanMm = 40;

    public int Slices => (int)MathF.Round(SpanMm / SliceMm);

    public override string ToString() => $"seed {Seed}, {PixelMm} mm pixels, {SliceMm} mm slices, {NoiseHu} HU noise";
}

/// <summary>
/// Synthetic hemithorax (<see cref="ThoraxAnatomy"/>) with nodules placed from a seed: juxtapleural solid ones anywhere
/// on the lung surface (lateral, anterior, posterior, mediastinal, near the apex), solid ones on vessels, free
/// ground-glass (-700..-300 HU) and part-solid ones (-700..-500 HU halo, 30 HU core of 40-60% of the diameter).
/// Deterministic: the same scan and counts give the same voxels.
/// </summary>
public sealed class ThoraxPhantom
{
    private ThoraxPhantom(ThoraxScan scan, ThoraxAnatomy anatomy, IReadOnlyList<ThoraxNodule> nodules) =>
        (Scan, Anatomy, Nodules) = (scan, anatomy, nodules);

    public ThoraxScan Scan { get; }

    public ThoraxAnatomy Anatomy { get; }

    public IReadOnlyList<ThoraxNodule> Nodules { get; }

    public static ThoraxPhantom Generate(ThoraxScan scan, int pleural, int vascular, int subsolid)
    {
        var random = new Random(scan.Seed);
        var anatomy = ThoraxAnatomy.Generate(random);
        var nodules = new List<ThoraxNodule>();
        var top = (scan.Slices - 1) * scan.SliceMm;
        var half = (ThoraxScan.Matrix - 1) * scan.PixelMm / 2;
        for (var tries = 0; nodules.Count(n => n.Site == NoduleSite.Pleura) < pleural && tries < 2000; tries++)
        {
            var d = Size(random, 4, 15);
            var (point, normal) = ThoraxAnatomy.Pleura((float)(random.NextDouble() * 2 * Math.PI), Between(random, 6, top - 2));
            var centre = point - (normal * (d / 2) * (1 - Between(random, 0, 0.3f)));
            Place(new ThoraxNodule(centre, d, NoduleKind.Solid, NoduleSite.Pleura, Between(random, 0, 60)));
        }

        var vessels = anatomy.Vessels.Where(v => v.RadiusMm < 2).ToList();
        for (var tries = 0; nodules.Count(n => n.Site == NoduleSite.Vessel) < vascular && tries < 2000; tries++)
        {
            var vessel = vessels[random.Next(vessels.Count)];
            var d = Size(random, Math.Max(Math.Max(4, 3 * vessel.RadiusMm), 2 * scan.SliceMm), 15);
            var along = vessel.From + ((vessel.To - vessel.From) * Between(random, 0.2f, 0.8f));
            var side = Vector3.Normalize(Vector3.Cross(vessel.To - vessel.From, RandomDirection(random)));
            var centre = along + (side * (vessel.RadiusMm + (0.6f * d / 2)));
            if (ThoraxAnatomy.InsideLung(centre, (d / 2) + 3) && anatomy.Vessels.Where(v => !Adjacent(v, vessel)).All(v => v.Distance(centre) > (d / 2) + v.RadiusMm + 1))
            {
                Place(new ThoraxNodule(centre, d, NoduleKind.Solid, NoduleSite.Vessel, Between(random, 0, 60)));
            }
        }

        for (var tries = 0; nodules.Count(n => n.Kind != NoduleKind.Solid) < subsolid && tries < 2000; tries++)
        {
            var d = Size(random, 6, 15);
            var centre = new Vector3(Between(random, -30, 30), Between(random, -36, 36), Between(random, d / 2, top - (d / 2)));
            var partSolid = nodules.Count(n => n.Kind != NoduleKind.Solid) % 2 == 1;
            if (ThoraxAnatomy.InsideLung(centre, (d / 2) + 3) && anatomy.Vessels.All(v => v.Distance(centre) > (d / 2) + v.RadiusMm + 2))
            {
                Place(partSolid
                    ? new ThoraxNodule(centre, d, NoduleKind.PartSolid, NoduleSite.Free, Between(random, -700, -500), d * Between(random, 0.4f, 0.6f))
                    : new ThoraxNodule(centre, d, NoduleKind.GroundGlass, NoduleSite.Free, Between(random, -700, -300)));
            }
        }

        return new ThoraxPhantom(scan, anatomy, nodules);

        void Place(ThoraxNodule n)
        {
            var r = n.DiameterMm / 2;
            var inField = Math.Abs(n.Centre.X) < half - r - 2 && Math.Abs(n.Centre.Y) < half - r - 2 && n.Centre.Z > r && n.Centre.Z < top - r;
            var apart = nodules.All(o => Vector3.Distance(o.Centre, n.Centre) > r + (o.DiameterMm / 2) + 6);
            var clear = n.Site == NoduleSite.Vessel || anatomy.Vessels.All(v => v.Distance(n.Centre) > r + v.RadiusMm + 2);
            if (inField && apart && clear)
            {
                nodules.Add(n);
            }
        }
    }

    public ImageVolume Build() => SyntheticVolume.Axial("CT", ThoraxScan.Matrix, Scan.Slices, Scan.PixelMm, Scan.SliceMm, Hu, Scan.NoiseHu, Scan.Seed,
        study: $"1.2.826.0.1.3680043.10.1136.19.{Scan.Seed}", series: $"1.2.826.0.1.3680043.10.1136.19.{Scan.Seed}.1");

    public float Hu(Vector3 p)
    {
        var tissue = Anatomy.Hu(p);
        if (tissue > ThoraxAnatomy.LungHu && !ThoraxAnatomy.InsideLung(p))
        {
            return tissue; // chest wall: the part of a juxtapleural nodule inside it is wall-dense anyway
        }

        foreach (var n in Nodules)
        {
            if (MathF.Abs(p.Z - n.Centre.Z) > n.DiameterMm / 2)
            {
                continue;
            }

            var distance = Vector3.Distance(p, n.Centre);
            if (distance <= n.DiameterMm / 2)
            {
                return Math.Max(tissue, distance <= n.CoreDiameterMm / 2 ? 30 : n.Hu);
            }
        }

        return tissue;
    }

    /// <summary>The same segment, or one sharing an end with it (parent, sibling, child).</summary>
    private static bool Adjacent(VesselSegment a, VesselSegment b) =>
        a == b || a.From == b.From || a.From == b.To || a.To == b.From;

    private static float Size(Random random, float min, float max) => MathF.Round(Between(random, min, max), 1);

    private static float Between(Random random, float min, float max) => min + ((max - min) * (float)random.NextDouble());

    private static Vector3 RandomDirection(Random random) =>
        Vector3.Normalize(new Vector3(Between(random, -1, 1), Between(random, -1, 1), Between(random, -1, 1)));
}
