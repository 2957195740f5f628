namespace Airadcr.Inference.Engine.Decoding;

/// <summary>
/// 6-connected flood fill over a stack of planes. Voxels already claimed by a region (<see cref="Claimed"/>) are never
/// grown into again, so seeds falling in one region group together; a region that meets another region's voxels is
/// the rest of a structure cut by a limit, and is marked <see cref="VoxelRegion.TouchesLimit"/> too.
/// </summary>
public sealed class RegionGrower(IReadOnlyList<float[]> planes, int height, int width, Func<float, bool> inside)
{
    private readonly int[][] _labels = planes.Select(p => new int[p.Length]).ToArray();
    private int _lastLabel;

    public int Depth => planes.Count;

    public bool Claimed(int x, int y, int z) => _labels[z][(y * width) + x] != 0;

    public bool Inside(int x, int y, int z) => inside(planes[z][(y * width) + x]);

    /// <summary>Grows from a seed inside the box [x0..x1] x [y0..y1] x [z0..z1] (clamped to the volume).</summary>
    public VoxelRegion Grow(int seedX, int seedY, int seedZ, int x0, int x1, int y0, int y1, int z0, int z1)
    {
        (x0, x1) = (Math.Max(0, x0), Math.Min(width - 1, x1));
        (y0, y1) = (Math.Max(0, y0), Math.Min(height - 1, y1));
        (z0, z1) = (Math.Max(0, z0), Math.Min(Depth - 1, z1));
        var region = new VoxelRegion();
        var label = ++_lastLabel;
        var pending = new Stack<(int X, int Y, int Z)>();
        Claim(seedX, seedY, seedZ, label, region, pending);
        while (pending.TryPop(out var v))
        {
            Visit(v.X - 1, v.Y, v.Z);
            Visit(v.X + 1, v.Y, v.Z);
            Visit(v.X, v.Y - 1, v.Z);
            Visit(v.X, v.Y + 1, v.Z);
            Visit(v.X, v.Y, v.Z - 1);
            Visit(v.X, v.Y, v.Z + 1);
        }

        return region;

        void Visit(int x, int y, int z)
        {
            if (x < 0 || y < 0 || z < 0 || x >= width || y >= height || z >= Depth || !Inside(x, y, z))
            {
                return;
            }

            var owner = _labels[z][(y * width) + x];
            if (owner != 0)
            {
                region.TouchesLimit |= owner != label;
                return;
            }

            if (x < x0 || x > x1 || y < y0 || y > y1 || z < z0 || z > z1)
            {
                region.TouchesLimit = true;
                return;
            }

            Claim(x, y, z, label, region, pending);
        }
    }

    /// <summary>Grows without limit from a seed.</summary>
    public VoxelRegion Grow(int seedX, int seedY, int seedZ) =>
        Grow(seedX, seedY, seedZ, 0, width - 1, 0, height - 1, 0, Depth - 1);

    private void Claim(int x, int y, int z, int label, VoxelRegion region, Stack<(int, int, int)> pending)
    {
        _labels[z][(y * width) + x] = label;
        region.Add(x, y, z);
        pending.Push((x, y, z));
    }
}
