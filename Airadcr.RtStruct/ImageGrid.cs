namespace Airadcr.RtStruct;

/// <summary>
/// The voxel grid of one image series: column i along <see cref="RowDirection"/> (spacing <see cref="ColumnSpacing"/>),
/// row j along <see cref="ColumnDirection"/> (<see cref="RowSpacing"/>), slice k along <see cref="Normal"/> at
/// <see cref="SliceOffsets"/> (mm from <see cref="Origin"/>, ascending). Voxel (i, j, k) has its centre at
/// Origin + i dx Row + j dy Col + offset[k] Normal. Contours and meshes are worked out in this index space.
/// </summary>
internal sealed class ImageGrid
{
    public ImageGrid(string seriesInstanceUid, string? frameOfReferenceUid, int columns, int rows, double columnSpacing, double rowSpacing,
        Vector origin, Vector rowDirection, Vector columnDirection, double[] sliceOffsets, string[] sopInstanceUids)
    {
        SeriesInstanceUid = seriesInstanceUid;
        FrameOfReferenceUid = frameOfReferenceUid;
        Columns = columns;
        Rows = rows;
        ColumnSpacing = columnSpacing;
        RowSpacing = rowSpacing;
        Origin = origin;
        RowDirection = rowDirection;
        ColumnDirection = columnDirection;
        Normal = Vector.Cross(rowDirection, columnDirection);
        SliceOffsets = sliceOffsets;
        SopInstanceUids = sopInstanceUids;
        SliceThicknesses = Thicknesses(sliceOffsets);
        MeanSliceSpacing = sliceOffsets.Length > 1 ? (sliceOffsets[^1] - sliceOffsets[0]) / (sliceOffsets.Length - 1) : SliceThicknesses[0];
        UnevenSpacing = sliceOffsets.Length > 2 && Enumerable.Range(1, sliceOffsets.Length - 1)
            .Any(k => Math.Abs(sliceOffsets[k] - sliceOffsets[k - 1] - MeanSliceSpacing) > Math.Max(0.01, 0.01 * MeanSliceSpacing));
    }

    public string SeriesInstanceUid { get; }

    public string? FrameOfReferenceUid { get; }

    public int Columns { get; }

    public int Rows { get; }

    public int Slices => SliceOffsets.Length;

    /// <summary>dx: distance between the centres of adjacent columns (Pixel Spacing's second value).</summary>
    public double ColumnSpacing { get; }

    /// <summary>dy: distance between the centres of adjacent rows (Pixel Spacing's first value).</summary>
    public double RowSpacing { get; }

    public Vector Origin { get; }

    public Vector RowDirection { get; }

    public Vector ColumnDirection { get; }

    public Vector Normal { get; }

    public double[] SliceOffsets { get; }

    /// <summary>The slab each slice stands for: half the gap to each neighbour (the outer gap repeated at the ends).</summary>
    public double[] SliceThicknesses { get; }

    public double MeanSliceSpacing { get; }

    /// <summary>Some gap differs from the mean by more than 1% (and 0.01 mm): volumes use each slice's own slab,
    /// NIfTI (one spacing) uses the mean.</summary>
    public bool UnevenSpacing { get; }

    /// <summary>The images in slice order.</summary>
    public string[] SopInstanceUids { get; }

    public double PixelArea => ColumnSpacing * RowSpacing;

    /// <summary>Patient point -> (i, j) as fractional indices and s, the distance along the normal from the origin (mm).</summary>
    public (double I, double J, double S) ToIndex(Vector point)
    {
        var d = point - Origin;
        return (Vector.Dot(d, RowDirection) / ColumnSpacing, Vector.Dot(d, ColumnDirection) / RowSpacing, Vector.Dot(d, Normal));
    }

    /// <summary>Index-space point (fractional k interpolates the slice offsets, extrapolating past the ends) -> patient.</summary>
    public Vector ToPatient(double i, double j, double k) =>
        Origin + RowDirection * (i * ColumnSpacing) + ColumnDirection * (j * RowSpacing) + Normal * OffsetAt(k);

    public double OffsetAt(double k)
    {
        if (Slices == 1)
        {
            return SliceOffsets[0] + k * SliceThicknesses[0];
        }

        var lower = Math.Clamp((int)Math.Floor(k), 0, Slices - 2);
        return SliceOffsets[lower] + (k - lower) * (SliceOffsets[lower + 1] - SliceOffsets[lower]);
    }

    /// <summary>The slice whose slab holds offset <paramref name="s"/> (nearest centre, ties to the lower slice), or -1
    /// when s lies more than half a slab outside the first or last slice.</summary>
    public int NearestSlice(double s)
    {
        var index = Array.BinarySearch(SliceOffsets, s);
        if (index >= 0)
        {
            return index;
        }

        var upper = ~index;
        if (upper == 0)
        {
            return SliceOffsets[0] - s <= SliceThicknesses[0] / 2 ? 0 : -1;
        }

        if (upper == Slices)
        {
            return s - SliceOffsets[^1] <= SliceThicknesses[^1] / 2 ? Slices - 1 : -1;
        }

        return s - SliceOffsets[upper - 1] <= SliceOffsets[upper] - s ? upper - 1 : upper;
    }

    private static double[] Thicknesses(double[] offsets)
    {
        var n = offsets.Length;
        var thickness = new double[n];
        if (n == 1)
        {
            thickness[0] = 1;
            return thickness;
        }

        for (var k = 0; k < n; k++)
        {
            var below = k > 0 ? offsets[k] - offsets[k - 1] : offsets[1] - offsets[0];
            var above = k < n - 1 ? offsets[k + 1] - offsets[k] : offsets[n - 1] - offsets[n - 2];
            thickness[k] = (below + above) / 2;
        }

        return thickness;
    }
}
