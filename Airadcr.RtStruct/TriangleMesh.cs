namespace Airadcr.RtStruct;

/// <summary>A closed triangle mesh in patient coordinates (mm): <see cref="Triangles"/> holds vertex index triples,
/// anticlockwise seen from outside.</summary>
internal sealed class TriangleMesh(Vector[] vertices, int[] triangles)
{
    public Vector[] Vertices { get; } = vertices;

    public int[] Triangles { get; } = triangles;

    public int TriangleCount => Triangles.Length / 3;

    public double AreaMm2()
    {
        double area = 0;
        for (var t = 0; t < Triangles.Length; t += 3)
        {
            var (a, b, c) = Corners(t);
            area += Vector.Cross(b - a, c - a).Length / 2;
        }

        return area;
    }

    /// <summary>Enclosed volume by the divergence theorem (sum of signed tetrahedra to the origin); positive when the
    /// triangles face outwards.</summary>
    public double VolumeMm3()
    {
        double six = 0;
        for (var t = 0; t < Triangles.Length; t += 3)
        {
            var (a, b, c) = Corners(t);
            six += Vector.Dot(a, Vector.Cross(b, c));
        }

        return six / 6;
    }

    /// <summary>Reverses every triangle (used when the grid's index frame is left-handed and the volume came out negative).</summary>
    public void FlipOrientation()
    {
        for (var t = 0; t < Triangles.Length; t += 3)
        {
            (Triangles[t + 1], Triangles[t + 2]) = (Triangles[t + 2], Triangles[t + 1]);
        }
    }

    public (Vector A, Vector B, Vector C) Corners(int t) => (Vertices[Triangles[t]], Vertices[Triangles[t + 1]], Vertices[Triangles[t + 2]]);

    /// <summary>
    /// Taubin λ|μ smoothing (uniform Laplacian over each vertex's edge neighbours): a shrinking step λ then an
    /// inflating step μ per iteration, a low-pass filter that removes the marching-cubes staircase without the
    /// shrinkage of plain Laplacian smoothing. A vertex whose neighbours lie in its plane stays in that plane, so flat
    /// faces stay flat; only edges and corners round off.
    /// </summary>
    public void TaubinSmooth(int iterations, double lambda, double mu, CancellationToken cancellationToken)
    {
        if (iterations <= 0 || Vertices.Length == 0)
        {
            return;
        }

        var (starts, neighbours) = Adjacency();
        var moved = new Vector[Vertices.Length];
        for (var i = 0; i < iterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Step(lambda, starts, neighbours, moved);
            Step(mu, starts, neighbours, moved);
        }
    }

    private void Step(double factor, int[] starts, int[] neighbours, Vector[] moved)
    {
        for (var v = 0; v < Vertices.Length; v++)
        {
            var count = starts[v + 1] - starts[v];
            if (count == 0)
            {
                moved[v] = Vertices[v];
                continue;
            }

            var sum = new Vector(0, 0, 0);
            for (var n = starts[v]; n < starts[v + 1]; n++)
            {
                sum += Vertices[neighbours[n]];
            }

            moved[v] = Vertices[v] + (sum * (1.0 / count) - Vertices[v]) * factor;
        }

        moved.CopyTo(Vertices, 0);
    }

    /// <summary>Neighbours of each vertex (CSR). In a closed oriented mesh each edge a-b appears once as a->b and once
    /// as b->a, so the half-edges a->b of all triangles list every neighbour of a exactly once.</summary>
    private (int[] Starts, int[] Neighbours) Adjacency()
    {
        var starts = new int[Vertices.Length + 1];
        for (var t = 0; t < Triangles.Length; t++)
        {
            starts[Triangles[t] + 1]++;
        }

        for (var v = 0; v < Vertices.Length; v++)
        {
            starts[v + 1] += starts[v];
        }

        var neighbours = new int[Triangles.Length];
        var fill = starts.AsSpan(0, Vertices.Length).ToArray();
        for (var t = 0; t < Triangles.Length; t += 3)
        {
            for (var e = 0; e < 3; e++)
            {
                neighbours[fill[Triangles[t + e]]++] = Triangles[t + (e + 1) % 3];
            }
        }

        return (starts, neighbours);
    }
}
