namespace Airadcr.Inference.Engine.Decoding;

/// <summary>A 6-connected set of voxels: count, centroid, bounds and the count on each plane.</summary>
public sealed class VoxelRegion
{
    private readonly Dictionary<int, int> _perPlane = [];
    private double _sumX;
    private double _sumY;
    private double _sumZ;

    public long Count { get; private set; }

    public int MinX { get; private set; } = int.MaxValue;

    public int MaxX { get; private set; } = int.MinValue;

    public int MinY { get; private set; } = int.MaxValue;

    public int MaxY { get; private set; } = int.MinValue;

    public int MinZ { get; private set; } = int.MaxValue;

    public int MaxZ { get; private set; } = int.MinValue;

    /// <summary>True when the region would have grown past the limit it was grown in.</summary>
    public bool TouchesLimit { get; internal set; }

    public double CentroidX => _sumX / Count;

    public double CentroidY => _sumY / Count;

    public double CentroidZ => _sumZ / Count;

    public int LargestPlaneCount => _perPlane.Count == 0 ? 0 : _perPlane.Values.Max();

    internal void Add(int x, int y, int z)
    {
        Count++;
        _sumX += x;
        _sumY += y;
        _sumZ += z;
        MinX = Math.Min(MinX, x);
        MaxX = Math.Max(MaxX, x);
        MinY = Math.Min(MinY, y);
        MaxY = Math.Max(MaxY, y);
        MinZ = Math.Min(MinZ, z);
        MaxZ = Math.Max(MaxZ, z);
        _perPlane[z] = _perPlane.GetValueOrDefault(z) + 1;
    }
}
