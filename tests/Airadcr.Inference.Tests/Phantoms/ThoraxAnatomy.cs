using System.Numerics;

namespace Airadcr.Inference.Tests.Phantoms;

/// <summary>A straight piece of a vessel (40 HU), a capsule around From-To.</summary>
public sealed record VesselSegment(Vector3 From, Vector3 To, float RadiusMm)
{
    private readonly Vector3 _low = Vector3.Min(From, To) - new Vector3(RadiusMm);
    private readonly Vector3 _high = Vector3.Max(From, To) + new Vector3(RadiusMm);

    public bool Contains(Vector3 p) =>
        p.X >= _low.X && p.Y >= _low.Y && p.Z >= _low.Z && p.X <= _high.X && p.Y <= _high.Y && p.Z <= _high.Z && Distance(p) <= RadiusMm;

    public float Distance(Vector3 p)
    {
        var axis = To - From;
        var t = Math.Clamp(Vector3.Dot(p - From, axis) / axis.LengthSquared(), 0, 1);
        return Vector3.Distance(p, From + (axis * t));
    }
}

/// <summary>
/// One hemithorax cropped to the field of view: a lung (ellipsoid, -850 HU, semi-axes 32 x 38 x 40 mm, apex at
/// z = 4 mm) inside a 40 HU chest wall and mediastinum, a 2 mm fat layer (-100 HU) under the skin at x = 44 mm with
/// air beyond, and a vessel tree (40 HU) branching from the hilum and tapering from 5 to 2 mm before the pleura.
/// </summary>
public sealed class ThoraxAnatomy
{
    public static readonly Vector3 LungCentre = new(0, 0, 44);
    public static readonly Vector3 LungSemiAxes = new(32, 38, 40);
    public const float SkinX = 44;
    public const float LungHu = -850;
    public const float TissueHu = 40;

    private ThoraxAnatomy(IReadOnlyList<VesselSegment> vessels) => Vessels = vessels;

    public IReadOnlyList<VesselSegment> Vessels { get; }

    /// <summary>A vessel tree drawn from the seed: three trunks from the hilum, each branching twice.</summary>
    public static ThoraxAnatomy Generate(Random random)
    {
        var vessels = new List<VesselSegment>();
        var hilum = new Vector3(-34, 0, 24);
        foreach (var angle in new[] { -0.9f, 0f, 0.9f })
        {
            var direction = Vector3.Normalize(new Vector3(MathF.Cos(angle), MathF.Sin(angle), ((float)random.NextDouble() - 0.4f) * 0.6f));
            Grow(hilum, direction, 2.5f, 24, 0);
        }

        return new ThoraxAnatomy(vessels);

        void Grow(Vector3 from, Vector3 direction, float radius, float length, int generation)
        {
            while (length > 4 && InsideLung(from + (direction * length), radius + 6) is false)
            {
                length *= 0.8f;
            }

            if (length <= 4)
            {
                return;
            }

            var to = from + (direction * length);
            vessels.Add(new VesselSegment(from, to, radius));
            if (generation == 2)
            {
                return;
            }

            foreach (var sign in new[] { -1f, 1f })
            {
                var turn = sign * (0.35f + (0.3f * (float)random.NextDouble()));
                var lift = ((float)random.NextDouble() - 0.5f) * 0.6f;
                var child = Vector3.Normalize(new Vector3(
                    (direction.X * MathF.Cos(turn)) - (direction.Y * MathF.Sin(turn)),
                    (direction.X * MathF.Sin(turn)) + (direction.Y * MathF.Cos(turn)),
                    direction.Z + lift));
                Grow(to, child, radius * 0.7f, length * 0.7f, generation + 1);
            }
        }
    }

    /// <summary>True when p lies inside the lung at least <paramref name="clearanceMm"/> from its surface (approximately).</summary>
    public static bool InsideLung(Vector3 p, float clearanceMm = 0) => Ellipsoid(p, LungSemiAxes - new Vector3(clearanceMm)) <= 1;

    /// <summary>The lung surface point in direction (angle in-plane) at height z, and the outward normal there.</summary>
    public static (Vector3 Point, Vector3 Normal) Pleura(float angle, float z)
    {
        var a = LungSemiAxes;
        var k = 1 - MathF.Pow((z - LungCentre.Z) / a.Z, 2);
        var point = new Vector3(a.X * MathF.Sqrt(k) * MathF.Cos(angle), a.Y * MathF.Sqrt(k) * MathF.Sin(angle), z);
        var rel = point - LungCentre;
        var normal = Vector3.Normalize(new Vector3(rel.X / (a.X * a.X), rel.Y / (a.Y * a.Y), rel.Z / (a.Z * a.Z)));
        return (point, normal);
    }

    public float Hu(Vector3 p)
    {
        if (p.X > SkinX)
        {
            return -1000;
        }

        if (!InsideLung(p))
        {
            return p.X > SkinX - 2 ? -100 : TissueHu;
        }

        foreach (var v in Vessels)
        {
            if (v.Contains(p))
            {
                return TissueHu;
            }
        }

        return LungHu;
    }

    private static float Ellipsoid(Vector3 p, Vector3 semiAxes)
    {
        var d = (p - LungCentre) / semiAxes;
        return d.LengthSquared();
    }
}
