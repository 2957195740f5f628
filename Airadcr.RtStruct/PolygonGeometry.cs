namespace Airadcr.RtStruct;

/// <summary>Checks of one closed polygon (x, y pairs in index units).</summary>
internal static class PolygonGeometry
{
    /// <summary>Null when usable; otherwise what is wrong ("is degenerate ...", "intersects itself").</summary>
    public static string? Validate(double[] polygon, double dx, double dy)
    {
        var n = polygon.Length / 2;
        if (n < 3)
        {
            return $"is degenerate ({n} point(s), a closed contour needs 3)";
        }

        var areaMm2 = Math.Abs(SignedArea(polygon)) * dx * dy;
        if (areaMm2 < 1e-6)
        {
            return "is degenerate (zero area)";
        }

        return SelfIntersects(polygon) ? "intersects itself" : null;
    }

    public static double SignedArea(double[] polygon)
    {
        var n = polygon.Length / 2;
        double twice = 0;
        for (int a = n - 1, b = 0; b < n; a = b++)
        {
            twice += polygon[2 * a] * polygon[2 * b + 1] - polygon[2 * b] * polygon[2 * a + 1];
        }

        return twice / 2;
    }

    /// <summary>Whether two non-adjacent edges cross (repeated points are skipped). Edges sorted by their
    /// lowest y and only those whose y ranges overlap compared: near O(n log n) for contours drawn by people or
    /// tools, O(n^2) at worst.</summary>
    public static bool SelfIntersects(double[] polygon)
    {
        var n = polygon.Length / 2;
        var edges = new (double MinY, double MaxY, int Index)[n];
        for (var e = 0; e < n; e++)
        {
            var y0 = polygon[2 * e + 1];
            var y1 = polygon[2 * ((e + 1) % n) + 1];
            edges[e] = (Math.Min(y0, y1), Math.Max(y0, y1), e);
        }

        Array.Sort(edges, (a, b) => a.MinY.CompareTo(b.MinY));
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n && edges[b].MinY <= edges[a].MaxY; b++)
            {
                int e = edges[a].Index, f = edges[b].Index;
                if (Math.Abs(e - f) == 1 || Math.Abs(e - f) == n - 1 || IsPoint(polygon, e, n) || IsPoint(polygon, f, n))
                {
                    continue;
                }

                if (Cross(polygon, e, f, n))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsPoint(double[] p, int e, int n)
    {
        var g = (e + 1) % n;
        return p[2 * e] == p[2 * g] && p[2 * e + 1] == p[2 * g + 1];
    }

    private static bool Cross(double[] p, int e, int f, int n)
    {
        int e2 = (e + 1) % n, f2 = (f + 1) % n;
        double ax = p[2 * e], ay = p[2 * e + 1], bx = p[2 * e2], by = p[2 * e2 + 1];
        double cx = p[2 * f], cy = p[2 * f + 1], dx = p[2 * f2], dy = p[2 * f2 + 1];
        var d1 = Orient(cx, cy, dx, dy, ax, ay);
        var d2 = Orient(cx, cy, dx, dy, bx, by);
        var d3 = Orient(ax, ay, bx, by, cx, cy);
        var d4 = Orient(ax, ay, bx, by, dx, dy);
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
    }

    private static double Orient(double ax, double ay, double bx, double by, double cx, double cy) =>
        (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}
