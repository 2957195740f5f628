namespace Airadcr.RtStruct;

/// <summary>
/// The marching-cubes case table (256 corner configurations -> triangles over the cube's 12 edges), derived at start-up
/// instead of typed in. Corner c sits at (c &amp; 1, c >> 1 &amp; 1, c >> 2 &amp; 1). On each face, walked anticlockwise
/// as seen from outside the cube, every run of consecutive inside corners is cut off by one segment from the edge
/// where the walk enters the run to the edge where it leaves. An ambiguous face (inside corners on a diagonal) thus
/// always separates its inside corners; the choice depends on the face alone, so the two cubes sharing a face cut it
/// the same way and the surface has no cracks. The segments chain into closed loops (each crossed edge starts one
/// segment and ends another), each loop is fanned into triangles, and a loop's orientation follows from the face
/// walks, so neighbouring cubes traverse their shared segment in opposite directions: the mesh is closed and
/// consistently oriented, its normals pointing from inside to outside.
/// </summary>
internal static class MarchingCubesTable
{
    /// <summary>Edge e joins corners <c>EdgeCorners[e]</c>; its axis is 0 (x), 1 (y) or 2 (z).</summary>
    public static readonly (int A, int B, int Axis)[] EdgeCorners = BuildEdges();

    /// <summary>For each case (bit c set when corner c is inside), triangles as edge triples.</summary>
    public static readonly int[][] Triangles = BuildTriangles();

    private static (int, int, int)[] BuildEdges()
    {
        var edges = new List<(int, int, int)>();
        for (var axis = 0; axis < 3; axis++)
        {
            for (var c = 0; c < 8; c++)
            {
                if ((c & (1 << axis)) == 0)
                {
                    edges.Add((c, c | (1 << axis), axis));
                }
            }
        }

        return [.. edges];
    }

    private static int Edge(int a, int b) => Array.FindIndex(EdgeCorners, e => (e.A == a && e.B == b) || (e.A == b && e.B == a));

    /// <summary>The 6 faces, corners in anticlockwise order seen from outside.</summary>
    private static int[][] Faces()
    {
        var faces = new List<int[]>();
        for (var axis = 0; axis < 3; axis++)
        {
            int u = 1 << ((axis + 1) % 3), v = 1 << ((axis + 2) % 3);
            for (var side = 0; side < 2; side++)
            {
                var w = side << axis;
                // (0,0) (1,0) (1,1) (0,1) in (u, v) turns about +axis: keep it for the far side, reverse it for the near side.
                int[] ring = [w, w | u, w | u | v, w | v];
                faces.Add(side == 1 ? ring : [ring[0], ring[3], ring[2], ring[1]]);
            }
        }

        return [.. faces];
    }

    private static int[][] BuildTriangles()
    {
        var faces = Faces();
        var table = new int[256][];
        for (var config = 0; config < 256; config++)
        {
            var next = new Dictionary<int, int>();
            foreach (var face in faces)
            {
                foreach (var (entry, exit) in Runs(face, config))
                {
                    next.Add(entry, exit);
                }
            }

            var triangles = new List<int>();
            while (next.Count > 0)
            {
                var loop = new List<int>();
                var start = next.Keys.Min();
                var edge = start;
                do
                {
                    loop.Add(edge);
                    var following = next[edge];
                    next.Remove(edge);
                    edge = following;
                }
                while (edge != start);

                for (var t = 1; t + 1 < loop.Count; t++)
                {
                    triangles.AddRange([loop[0], loop[t], loop[t + 1]]);
                }
            }

            table[config] = [.. triangles];
        }

        return table;
    }

    /// <summary>Segments (entry edge -> exit edge) cutting off each run of inside corners of one face.</summary>
    private static IEnumerable<(int Entry, int Exit)> Runs(int[] face, int config)
    {
        bool Inside(int position) => (config & (1 << face[(position + 4) % 4])) != 0;
        for (var p = 0; p < 4; p++)
        {
            if (Inside(p) && !Inside(p - 1))
            {
                var end = p;
                while (Inside(end + 1) && end + 1 < p + 4)
                {
                    end++;
                }

                yield return (Edge(face[(p + 3) % 4], face[p % 4]), Edge(face[end % 4], face[(end + 1) % 4]));
            }
        }
    }
}
