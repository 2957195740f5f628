namespace Airadcr.RtStruct;

/// <summary>
/// Marching cubes over a <see cref="RoiMask"/> at iso-level 0.5, the mask padded by one empty voxel on every side so
/// the surface is closed. Cube corners are voxel centres, so every vertex is the midpoint of a lattice edge between an
/// inside and an outside voxel; vertices are shared through their edge (welded), two slabs of edge indices at a time.
/// Vertices are placed in patient coordinates through the grid (uneven slices included).
/// </summary>
internal static class MarchingCubes
{
    public static TriangleMesh Extract(RoiMask mask, ImageGrid grid, CancellationToken cancellationToken)
    {
        int px = mask.NI + 2, py = mask.NJ + 2, pz = mask.NK + 2, layer = px * py;
        var padded = new byte[(long)layer * pz];
        for (var kk = 0; kk < mask.NK; kk++)
        {
            for (var jj = 0; jj < mask.NJ; jj++)
            {
                mask.Voxels.AsSpan((kk * mask.NJ + jj) * mask.NI, mask.NI).CopyTo(padded.AsSpan(((kk + 1) * py + jj + 1) * px + 1));
            }
        }

        var vertices = new List<Vector>();
        var triangles = new List<int>();
        int[][] xEdges = [New(layer), New(layer)], yEdges = [New(layer), New(layer)];
        var zEdges = New(layer);
        Span<int> corner = stackalloc int[8];
        for (var z = 0; z < pz - 1; z++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Fill(xEdges[(z + 1) % 2], -1);
            Array.Fill(yEdges[(z + 1) % 2], -1);
            Array.Fill(zEdges, -1);
            for (var y = 0; y < py - 1; y++)
            {
                if (!padded.AsSpan((z * py + y) * px, 2 * px).ContainsAnyExcept((byte)0)
                    && !padded.AsSpan(((z + 1) * py + y) * px, 2 * px).ContainsAnyExcept((byte)0))
                {
                    continue; // no voxel of the four lattice rows is inside: no cube of this row is cut
                }

                for (var x = 0; x < px - 1; x++)
                {
                    for (var c = 0; c < 8; c++)
                    {
                        corner[c] = (((z + (c >> 2 & 1)) * py + y + (c >> 1 & 1)) * px) + x + (c & 1);
                    }

                    var config = 0;
                    for (var c = 0; c < 8; c++)
                    {
                        config |= padded[corner[c]] << c;
                    }

                    if (config is 0 or 255)
                    {
                        continue;
                    }

                    foreach (var edge in MarchingCubesTable.Triangles[config])
                    {
                        var (a, _, axis) = MarchingCubesTable.EdgeCorners[edge];
                        int ex = x + (a & 1), ey = y + (a >> 1 & 1), ez = z + (a >> 2 & 1);
                        var slot = axis switch
                        {
                            0 => xEdges[ez % 2],
                            1 => yEdges[ez % 2],
                            _ => zEdges,
                        };
                        var at = ey * px + ex;
                        if (slot[at] < 0)
                        {
                            slot[at] = vertices.Count;
                            vertices.Add(grid.ToPatient(
                                mask.I0 + ex - 1 + (axis == 0 ? 0.5 : 0),
                                mask.J0 + ey - 1 + (axis == 1 ? 0.5 : 0),
                                mask.K0 + ez - 1 + (axis == 2 ? 0.5 : 0)));
                        }

                        triangles.Add(slot[at]);
                    }
                }
            }
        }

        return new TriangleMesh([.. vertices], [.. triangles]);
    }

    private static int[] New(int length)
    {
        var array = new int[length];
        Array.Fill(array, -1);
        return array;
    }
}
