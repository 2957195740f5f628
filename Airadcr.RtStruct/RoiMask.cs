namespace Airadcr.RtStruct;

/// <summary>
/// A ROI's binary mask on the image grid, stored for its bounding block only: voxel (i, j, k) of the grid is
/// <c>Voxels[((k - K0) * NJ + (j - J0)) * NI + (i - I0)]</c> (1 inside, 0 outside). A voxel is inside when its
/// centre is inside the slice's polygons by the even-odd rule (holes and islands), a centre exactly on a left or
/// bottom edge counting as inside and on a right or top edge as outside (half-open, so adjacent contours never
/// share a voxel).
/// </summary>
internal sealed class RoiMask
{
    private RoiMask(int i0, int j0, int k0, int ni, int nj, int nk)
    {
        (I0, J0, K0, NI, NJ, NK) = (i0, j0, k0, ni, nj, nk);
        Voxels = new byte[(long)ni * nj * nk];
    }

    public int I0 { get; }

    public int J0 { get; }

    public int K0 { get; }

    public int NI { get; }

    public int NJ { get; }

    public int NK { get; }

    public byte[] Voxels { get; }

    /// <summary>Scanline even-odd fill of each slice's polygons; an error when the block would exceed
    /// <paramref name="maxVoxels"/>, a null mask when nothing of the ROI falls on a voxel centre.</summary>
    public static (RoiMask? Mask, string? Error) Rasterise(RoiSlices slices, ImageGrid grid, long maxVoxels, CancellationToken cancellationToken)
    {
        if (slices.PolygonsBySlice.Count == 0)
        {
            return (null, null);
        }

        double minI = double.MaxValue, maxI = double.MinValue, minJ = double.MaxValue, maxJ = double.MinValue;
        foreach (var polygon in slices.PolygonsBySlice.Values.SelectMany(p => p))
        {
            for (var p = 0; p < polygon.Length; p += 2)
            {
                minI = Math.Min(minI, polygon[p]);
                maxI = Math.Max(maxI, polygon[p]);
                minJ = Math.Min(minJ, polygon[p + 1]);
                maxJ = Math.Max(maxJ, polygon[p + 1]);
            }
        }

        var i0 = Math.Max(0, (int)Math.Ceiling(minI));
        var i1 = Math.Min(grid.Columns - 1, (int)Math.Floor(maxI));
        var j0 = Math.Max(0, (int)Math.Ceiling(minJ));
        var j1 = Math.Min(grid.Rows - 1, (int)Math.Floor(maxJ));
        var k0 = slices.PolygonsBySlice.Keys.Min();
        var k1 = slices.PolygonsBySlice.Keys.Max();
        if (i1 < i0 || j1 < j0)
        {
            return (null, null);
        }

        var block = (long)(i1 - i0 + 1) * (j1 - j0 + 1) * (k1 - k0 + 1);
        if (block > maxVoxels)
        {
            return (null, $"the ROI's block of {block} voxels exceeds the limit of {maxVoxels}");
        }

        var mask = new RoiMask(i0, j0, k0, i1 - i0 + 1, j1 - j0 + 1, k1 - k0 + 1);
        var scratch = new Scanlines();
        foreach (var (k, polygons) in slices.PolygonsBySlice)
        {
            cancellationToken.ThrowIfCancellationRequested();
            mask.FillSlice(k - k0, polygons, scratch);
        }

        return (mask, null);
    }

    /// <summary>Each edge adds its crossing to the rows it spans (rows y with ya &lt;= y &lt; yb or yb &lt;= y &lt; ya): two passes
    /// over the edges (count, then place) and one sort per row, no allocation per row or voxel.</summary>
    private void FillSlice(int kk, List<double[]> polygons, Scanlines scratch)
    {
        var starts = scratch.Starts(NJ + 1);
        foreach (var polygon in polygons)
        {
            ForEachEdgeRow(polygon, (jj, _) => starts[jj + 1]++);
        }

        for (var jj = 0; jj < NJ; jj++)
        {
            starts[jj + 1] += starts[jj];
        }

        var xs = scratch.Crossings(starts[NJ]);
        var next = scratch.Next(NJ);
        starts.AsSpan(0, NJ).CopyTo(next);
        foreach (var polygon in polygons)
        {
            ForEachEdgeRow(polygon, (jj, x) => xs[next[jj]++] = x);
        }

        var plane = Voxels.AsSpan((int)((long)kk * NI * NJ), NI * NJ);
        for (var jj = 0; jj < NJ; jj++)
        {
            var row = xs.AsSpan(starts[jj], starts[jj + 1] - starts[jj]);
            if (row.Length < 2)
            {
                continue;
            }

            row.Sort();
            var voxels = plane.Slice(jj * NI, NI);
            for (var c = 0; c + 1 < row.Length; c += 2)
            {
                // Voxel centres i with x0 <= i < x1.
                var from = Math.Max(I0, (int)Math.Ceiling(row[c]));
                var to = Math.Min(I0 + NI, (int)Math.Ceiling(row[c + 1]));
                if (to > from)
                {
                    voxels.Slice(from - I0, to - from).Fill(1);
                }
            }
        }
    }

    private void ForEachEdgeRow(double[] polygon, Action<int, double> crossing)
    {
        var n = polygon.Length / 2;
        for (int a = n - 1, b = 0; b < n; a = b++)
        {
            double xa = polygon[2 * a], ya = polygon[2 * a + 1], xb = polygon[2 * b], yb = polygon[2 * b + 1];
            if (ya == yb)
            {
                continue;
            }

            var first = Math.Max(J0, (int)Math.Ceiling(Math.Min(ya, yb)));
            var last = Math.Min(J0 + NJ, (int)Math.Ceiling(Math.Max(ya, yb))) - 1;
            for (var y = first; y <= last; y++)
            {
                crossing(y - J0, xa + (y - ya) * (xb - xa) / (yb - ya));
            }
        }
    }

    /// <summary>Buffers reused across a ROI's slices.</summary>
    private sealed class Scanlines
    {
        private int[] _starts = [];
        private int[] _next = [];
        private double[] _crossings = [];

        public int[] Starts(int length)
        {
            if (_starts.Length < length)
            {
                _starts = new int[length];
            }

            Array.Clear(_starts, 0, length);
            return _starts;
        }

        public int[] Next(int length) => _next.Length >= length ? _next : _next = new int[length];

        public double[] Crossings(int length) => _crossings.Length >= length ? _crossings : _crossings = new double[Math.Max(length, 2 * _crossings.Length)];
    }
}
