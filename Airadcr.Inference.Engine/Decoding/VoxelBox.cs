namespace Airadcr.Inference.Engine.Decoding;

/// <summary>
/// A box of a volume's voxels, [X0, X0 + Width) x [Y0, Y0 + Height) x [Z0, Z0 + Depth), with its spacing in mm, cut
/// from a volume of <see cref="Columns"/> x <see cref="Rows"/> x <see cref="Planes"/>.
/// </summary>
public sealed record VoxelBox(
    int X0, int Y0, int Z0, int Width, int Height, int Depth, float ColumnSpacingMm, float RowSpacingMm, float SliceSpacingMm,
    int Columns, int Rows, int Planes)
{
    public int Count => Width * Height * Depth;

    public int Index(int x, int y, int z) => (((z * Height) + y) * Width) + x;

    public (int X, int Y, int Z) Position(int index) => (index % Width, index / Width % Height, index / (Width * Height));

    /// <summary>True on a face where the box cuts the volume (not on the volume's own edges).</summary>
    public bool OnFace(int index)
    {
        var (x, y, z) = Position(index);
        return (x == 0 && X0 > 0) || (y == 0 && Y0 > 0) || (z == 0 && Z0 > 0)
            || (x == Width - 1 && X0 + Width < Columns) || (y == Height - 1 && Y0 + Height < Rows) || (z == Depth - 1 && Z0 + Depth < Planes);
    }

    /// <summary>Squared distance in mm² between two voxels of the box.</summary>
    public float DistanceSquared(int a, int b)
    {
        var (ax, ay, az) = Position(a);
        var (bx, by, bz) = Position(b);
        var (dx, dy, dz) = ((ax - bx) * ColumnSpacingMm, (ay - by) * RowSpacingMm, (az - bz) * SliceSpacingMm);
        return (dx * dx) + (dy * dy) + (dz * dz);
    }

    /// <summary>The 6-connected component of <paramref name="inside"/> holding <paramref name="seed"/> (empty when the seed is not inside).</summary>
    public List<int> Component(int seed, bool[] inside)
    {
        var found = new List<int>();
        if (!inside[seed])
        {
            return found;
        }

        var seen = new bool[Count];
        seen[seed] = true;
        var pending = new Stack<int>();
        pending.Push(seed);
        var plane = Width * Height;
        while (pending.TryPop(out var v))
        {
            found.Add(v);
            var (x, y, z) = (v % Width, v / Width % Height, v / plane);
            Visit(x > 0, v - 1);
            Visit(x < Width - 1, v + 1);
            Visit(y > 0, v - Width);
            Visit(y < Height - 1, v + Width);
            Visit(z > 0, v - plane);
            Visit(z < Depth - 1, v + plane);
        }

        return found;

        void Visit(bool within, int n)
        {
            if (within && !seen[n] && inside[n])
            {
                seen[n] = true;
                pending.Push(n);
            }
        }
    }
}
