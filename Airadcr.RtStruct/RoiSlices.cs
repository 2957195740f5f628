namespace Airadcr.RtStruct;

/// <summary>
/// A ROI's closed planar contours in the grid's index space, assigned to slices: each contour lies on one plane
/// (its points' distance along the normal agree within <see cref="PlaneTolerance"/>); each slice takes the contour
/// plane nearest its centre within its slab (ties to the lower plane), so contour planes between slice positions go
/// to the nearest slice and, when several planes share a slice, only the nearest is used. A plane outside every
/// slab, a contour off its plane, fewer than 3 distinct points, zero area, or edges that cross are errors of the ROI.
/// </summary>
internal sealed class RoiSlices
{
    private const double PlaneTolerance = 0.01; // mm

    private RoiSlices(Dictionary<int, List<double[]>> polygons, (double I, double J, double S)[] points) =>
        (PolygonsBySlice, Points) = (polygons, points);

    /// <summary>Per slice k, polygons as (i, j) pairs in index units.</summary>
    public Dictionary<int, List<double[]>> PolygonsBySlice { get; }

    /// <summary>Every contour point of the ROI (any geometry) in index space (i, j) and s in mm.</summary>
    public (double I, double J, double S)[] Points { get; }

    public static (RoiSlices? Slices, string? Error) Build(RtRoi roi, ImageGrid grid)
    {
        var known = new HashSet<string>(grid.SopInstanceUids, StringComparer.Ordinal);
        var planes = new List<(double S, List<double[]> Polygons)>();
        var points = new List<(double, double, double)>();
        for (var c = 0; c < roi.Contours.Count; c++)
        {
            var contour = roi.Contours[c];
            if (contour.ReferencedSopInstanceUids.Any(uid => !known.Contains(uid)))
            {
                return (null, $"contour {c + 1} references an image that is not in the series");
            }

            var n = contour.PointCount;
            var polygon = new double[2 * n];
            double minS = double.MaxValue, maxS = double.MinValue, sumS = 0;
            for (var p = 0; p < n; p++)
            {
                var (i, j, s) = grid.ToIndex(new Vector(contour.Points[3 * p], contour.Points[3 * p + 1], contour.Points[3 * p + 2]));
                polygon[2 * p] = i;
                polygon[2 * p + 1] = j;
                minS = Math.Min(minS, s);
                maxS = Math.Max(maxS, s);
                sumS += s;
                points.Add((i, j, s));
            }

            if (contour.Geometry != RtContourGeometry.ClosedPlanar)
            {
                continue;
            }

            if (maxS - minS > PlaneTolerance)
            {
                return (null, $"contour {c + 1} does not lie in an image plane (it spans {maxS - minS:0.###} mm along the slice normal)");
            }

            if (PolygonGeometry.Validate(polygon, grid.ColumnSpacing, grid.RowSpacing) is { } problem)
            {
                return (null, $"contour {c + 1} {problem}");
            }

            var plane = sumS / n;
            var existing = planes.FindIndex(p => Math.Abs(p.S - plane) <= PlaneTolerance);
            if (existing >= 0)
            {
                planes[existing].Polygons.Add(polygon);
            }
            else
            {
                planes.Add((plane, [polygon]));
            }
        }

        var bySlice = new Dictionary<int, (double Distance, double S, List<double[]> Polygons)>();
        foreach (var (s, polygons) in planes.OrderBy(p => p.S))
        {
            var k = grid.NearestSlice(s);
            if (k < 0)
            {
                return (null, $"a contour plane lies {DistanceOutside(grid, s):0.###} mm outside the image grid");
            }

            var distance = Math.Abs(s - grid.SliceOffsets[k]);
            if (!bySlice.TryGetValue(k, out var current) || distance < current.Distance)
            {
                bySlice[k] = (distance, s, polygons);
            }
        }

        return (new RoiSlices(bySlice.ToDictionary(p => p.Key, p => p.Value.Polygons), points.ToArray()), null);
    }

    private static double DistanceOutside(ImageGrid grid, double s) =>
        s < 0 ? -s : s - grid.SliceOffsets[^1];
}
