using Airadcr.Inference.Engine.Catalog;
using Airadcr.Inference.Engine.Imaging;

namespace Airadcr.Inference.Engine.Decoding;

/// <summary>
/// Segments the nodule around a seed in a box of the volume, in three steps:
/// <list type="number">
/// <item>Threshold: half-way between the lung around it (median below -600 HU) and the lesion's own level (median of
/// its core on in-plane 3x3 means), so that solid (~ -410 HU), part-solid and ground-glass lesions (-700..-300 HU) are
/// each cut at their half maximum.</item>
/// <item>A component that stays inside the box is the nodule. One that does not is attached: the chest wall and
/// mediastinum (with the air around the body counted as dense) are removed by a morphological opening with a ball of
/// <see cref="BlobDecoding.WallRadiusMm"/> (white top-hat: a nodule too small to hold that ball stays).</item>
/// <item>What remains is opened again with a ball of 0.6 x the nodule's inscribed radius, which cuts off vessels
/// thinner than that; a remainder that still leaves the box is a vessel.</item>
/// </list>
/// Voxels of accepted nodules, of the wall and of rejected vessels near the seed are claimed, so later seeds there are skipped.
/// </summary>
public sealed class NoduleSegmenter
{
    private const float LungBelowHu = -600;
    private const float CoreContrastHu = 100;
    private const float MinContrastHu = 60;
    private const float VesselCut = 0.6f;
    private const float MaxBulk = 1.5f;

    private readonly ImageVolume _volume;
    private readonly BlobDecoding _decoding;
    private readonly OutsideAir _outside;
    private readonly int[][] _owners;
    private int _findings;

    public NoduleSegmenter(ImageVolume volume, BlobDecoding decoding)
    {
        _volume = volume;
        _decoding = decoding;
        _outside = new OutsideAir(volume.Planes, volume.Rows, volume.Columns, decoding.SegmentationThreshold);
        _owners = volume.Planes.Select(p => new int[p.Length]).ToArray();
    }

    private float WallRadiusMm => _decoding.WallRadiusMm ?? ((_decoding.MaxDiameterMm / 2) + 1);

    /// <summary>True when the voxel belongs to a nodule already found, the chest wall or a vessel.</summary>
    public bool Claimed(int x, int y, int z) => _owners[z][(y * _volume.Columns) + x] != 0;

    /// <summary>True when the voxel lies in the air around the body.</summary>
    public bool Outside(int x, int y, int z) => _outside.Contains(x, y, z);

    /// <summary>The nodule around the seed voxel, or null when there is none there (or it was found already).</summary>
    public VoxelRegion? Segment(int x, int y, int z)
    {
        var near = Box(x, y, z, (_decoding.MaxDiameterMm / 2) + 3);
        var (values, outside) = Sample(near);
        var seed = near.Index(x - near.X0, y - near.Y0, z - near.Z0);
        if (LesionThreshold(near, values, outside, seed) is not var (threshold, radius) || values[seed] < threshold)
        {
            return null;
        }

        var component = near.Component(seed, Dense(values, outside, threshold));
        if (!component.Any(i => outside[i] || near.OnFace(i)) && Accepted(Region(near, component)) is { } alone)
        {
            if (Duplicate(near, component))
            {
                return null;
            }

            Claim(near, component, ++_findings);
            return alone;
        }

        var wide = Box(x, y, z, radius + WallRadiusMm + 3);
        (values, outside) = Sample(wide);
        return Detached(wide, Dense(values, outside, threshold), outside, wide.Index(x - wide.X0, y - wide.Y0, z - wide.Z0));
    }

    private VoxelBox Box(int x, int y, int z, float half)
    {
        var (hx, hy, hz) = ((int)Math.Ceiling(half / _volume.ColumnSpacingMm), (int)Math.Ceiling(half / _volume.RowSpacingMm), (int)Math.Ceiling(half / _volume.SliceSpacingMm));
        var (x0, y0, z0) = (Math.Max(0, x - hx), Math.Max(0, y - hy), Math.Max(0, z - hz));
        var (x1, y1, z1) = (Math.Min(_volume.Columns - 1, x + hx), Math.Min(_volume.Rows - 1, y + hy), Math.Min(_volume.Depth - 1, z + hz));
        return new VoxelBox(x0, y0, z0, x1 - x0 + 1, y1 - y0 + 1, z1 - z0 + 1,
            _volume.ColumnSpacingMm, _volume.RowSpacingMm, _volume.SliceSpacingMm, _volume.Columns, _volume.Rows, _volume.Depth);
    }

    private (float[] Values, bool[] Outside) Sample(VoxelBox box)
    {
        var outside = new bool[box.Count];
        for (var i = 0; i < box.Count; i++)
        {
            var (bx, by, bz) = box.Position(i);
            outside[i] = _outside.Contains(box.X0 + bx, box.Y0 + by, box.Z0 + bz);
        }

        return (Smoothed(box), outside);
    }

    /// <summary>The lesion and everything as dense, the air around the body included (so that the chest wall is thick).</summary>
    private static bool[] Dense(float[] values, bool[] outside, float threshold)
    {
        var dense = new bool[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            dense[i] = outside[i] || values[i] >= threshold;
        }

        return dense;
    }

    /// <summary>3x3 in-plane means (edges clamped): noise down by 3 without blurring across slices.</summary>
    private float[] Smoothed(VoxelBox box)
    {
        var (w, h) = (_volume.Columns, _volume.Rows);
        var values = new float[box.Count];
        for (var i = 0; i < box.Count; i++)
        {
            var (bx, by, bz) = box.Position(i);
            var (x, y, plane) = (box.X0 + bx, box.Y0 + by, _volume.Planes[box.Z0 + bz]);
            var sum = 0f;
            for (var dy = -1; dy <= 1; dy++)
            {
                var row = Math.Clamp(y + dy, 0, h - 1) * w;
                for (var dx = -1; dx <= 1; dx++)
                {
                    sum += plane[row + Math.Clamp(x + dx, 0, w - 1)];
                }
            }

            values[i] = sum / 9;
        }

        return values;
    }

    /// <summary>
    /// Half-way between the lung around the seed and the lesion's level (medians; a part-solid nodule's core is a
    /// minority of it, so its ground-glass halo sets the level), and the lesion's radius; null outside the lungs.
    /// </summary>
    private (float Threshold, float RadiusMm)? LesionThreshold(VoxelBox box, float[] values, bool[] outside, int seed)
    {
        var lung = new List<float>();
        for (var i = 0; i < box.Count; i += 3)
        {
            if (!outside[i] && values[i] < LungBelowHu)
            {
                lung.Add(values[i]);
            }
        }

        if (lung.Count < box.Count / 3 / 20)
        {
            return null;
        }

        var background = Percentile(lung, 0.5f);
        var core = background + CoreContrastHu;
        var radius = CoreRadius(box, values, outside, seed, core);
        var inner = Math.Max(0.8f * radius, 1f);
        var lesion = new List<float>();
        for (var i = 0; i < box.Count; i++)
        {
            if (!outside[i] && values[i] >= core && box.DistanceSquared(i, seed) <= inner * inner)
            {
                lesion.Add(values[i]);
            }
        }

        return lesion.Count == 0 ? null : (Math.Max(background + MinContrastHu, (background + Percentile(lesion, 0.5f)) / 2), radius);
    }

    /// <summary>The first radius (0.5 mm shells) at which less than half of a shell around the seed is above the level.</summary>
    private float CoreRadius(VoxelBox box, float[] values, bool[] outside, int seed, float level)
    {
        const float shell = 0.5f;
        var shells = (int)Math.Ceiling(_decoding.MaxDiameterMm / 2 / shell) + 1;
        var (total, above) = (new int[shells], new int[shells]);
        for (var i = 0; i < box.Count; i++)
        {
            var s = (int)(MathF.Sqrt(box.DistanceSquared(i, seed)) / shell);
            if (s < shells)
            {
                total[s]++;
                above[s] += !outside[i] && values[i] >= level ? 1 : 0;
            }
        }

        for (var s = 2; s < shells; s++)
        {
            if (total[s] > 0 && above[s] * 2 < total[s])
            {
                return s * shell;
            }
        }

        return shells * shell;
    }

    private VoxelRegion? Detached(VoxelBox box, bool[] dense, bool[] outside, int seed)
    {
        var wall = Opening(box, dense, WallRadiusMm, centre: null);
        if (wall[seed])
        {
            Claim(box, Enumerable.Range(0, box.Count).Where(i => wall[i] && !outside[i]), -1);
            return null;
        }

        var inResidue = new bool[box.Count];
        for (var i = 0; i < box.Count; i++)
        {
            inResidue[i] = dense[i] && !wall[i] && !outside[i];
        }

        var residue = box.Component(seed, inResidue);
        Array.Clear(inResidue);
        residue.ForEach(i => inResidue[i] = true);
        var depth = DistanceMap.Squared(box, inResidue, featureWhen: false);
        var centre = Climb(box, depth, seed);
        var inscribed2 = depth[centre];
        var nodule = Opening(box, inResidue, VesselCut * MathF.Sqrt(inscribed2), centre, depth);
        var voxels = Enumerable.Range(0, box.Count).Where(i => nodule[i]).ToList();
        var region = voxels.Any(box.OnFace) || !Compact(voxels.Count, inscribed2) ? null : Accepted(Region(box, voxels));
        if (region is not null && !Duplicate(box, voxels))
        {
            Claim(box, voxels, ++_findings);
            return region;
        }

        // A vessel (or what is left of a found nodule): its thin voxels, not the core of a nodule hanging on it.
        Claim(box, residue.Where(i => depth[i] <= 1.69f * inscribed2), -1);
        return null;
    }

    /// <summary>
    /// Morphological opening of a mask by a ball (union of the balls that fit in it). With a centre, only the balls
    /// whose centres connect to it are kept. <paramref name="inside"/> may pass the mask's own distance map.
    /// </summary>
    private static bool[] Opening(VoxelBox box, bool[] mask, float radius, int? centre, float[]? inside = null)
    {
        var r2 = radius * radius;
        inside ??= DistanceMap.Squared(box, mask, featureWhen: false);
        var centres = new bool[box.Count];
        if (centre is { } c)
        {
            var deep = new bool[box.Count];
            for (var i = 0; i < box.Count; i++)
            {
                deep[i] = mask[i] && inside[i] >= r2;
            }

            box.Component(c, deep).ForEach(i => centres[i] = true);
        }
        else
        {
            for (var i = 0; i < box.Count; i++)
            {
                centres[i] = mask[i] && inside[i] > r2;
            }
        }

        var reach = DistanceMap.Squared(box, centres);
        var opened = new bool[box.Count];
        for (var i = 0; i < box.Count; i++)
        {
            opened[i] = mask[i] && reach[i] < r2;
        }

        return opened;
    }

    /// <summary>From the seed uphill on the distance map (26-neighbours) to a local maximum: the nodule's centre.</summary>
    private static int Climb(VoxelBox box, float[] depth, int seed)
    {
        var at = seed;
        while (true)
        {
            var (x, y, z) = box.Position(at);
            var best = at;
            for (var dz = -1; dz <= 1; dz++)
            {
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var (nx, ny, nz) = (x + dx, y + dy, z + dz);
                        if (nx >= 0 && ny >= 0 && nz >= 0 && nx < box.Width && ny < box.Height && nz < box.Depth
                            && depth[box.Index(nx, ny, nz)] > depth[best])
                        {
                            best = box.Index(nx, ny, nz);
                        }
                    }
                }
            }

            if (best == at)
            {
                return at;
            }

            at = best;
        }
    }

    private static VoxelRegion Region(VoxelBox box, IEnumerable<int> voxels)
    {
        var region = new VoxelRegion();
        foreach (var i in voxels)
        {
            var (x, y, z) = box.Position(i);
            region.Add(box.X0 + x, box.Y0 + y, box.Z0 + z);
        }

        return region;
    }

    /// <summary>The region when its size and shape fit a nodule, else null.</summary>
    private VoxelRegion? Accepted(VoxelRegion region)
    {
        var diameter = Math.Cbrt(6 * region.Count * _volume.VoxelVolumeMm3 / Math.PI);
        var extent = Math.Max(Math.Max((region.MaxX - region.MinX + 1) * _volume.ColumnSpacingMm,
            (region.MaxY - region.MinY + 1) * _volume.RowSpacingMm), (region.MaxZ - region.MinZ + 1) * _volume.SliceSpacingMm);
        var fits = region.Count > 0 && diameter >= _decoding.MinDiameterMm && diameter <= _decoding.MaxDiameterMm
            && extent <= _decoding.MaxDiameterMm && extent <= _decoding.MaxElongation * diameter;
        return fits ? region : null;
    }

    /// <summary>
    /// True when the region is not much more than the largest ball it holds: a nodule (equivalent diameter up to
    /// <see cref="MaxBulk"/> x the inscribed one), not a stub of a thick vessel.
    /// </summary>
    private bool Compact(int voxels, float inscribed2)
    {
        var diameter = Math.Cbrt(6 * voxels * _volume.VoxelVolumeMm3 / Math.PI);
        return diameter <= MaxBulk * 2 * Math.Sqrt(inscribed2);
    }

    /// <summary>True when the voxels overlap a nodule found already (another seed, or a weaker threshold, on it).</summary>
    private bool Duplicate(VoxelBox box, IEnumerable<int> voxels) => voxels.Any(i =>
    {
        var (x, y, z) = box.Position(i);
        return _owners[box.Z0 + z][((box.Y0 + y) * _volume.Columns) + box.X0 + x] > 0;
    });

    private void Claim(VoxelBox box, IEnumerable<int> voxels, int owner)
    {
        foreach (var i in voxels)
        {
            var (x, y, z) = box.Position(i);
            ref var at = ref _owners[box.Z0 + z][((box.Y0 + y) * _volume.Columns) + box.X0 + x];
            if (at <= 0)
            {
                at = owner;
            }
        }
    }

    private static float Percentile(List<float> values, float fraction)
    {
        values.Sort();
        return values[(int)(fraction * (values.Count - 1))];
    }
}
