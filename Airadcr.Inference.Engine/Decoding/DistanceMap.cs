namespace Airadcr.Inference.Engine.Decoding;

/// <summary>
/// Exact squared Euclidean distance (mm²) from every voxel of a box to the nearest feature voxel, with anisotropic
/// voxel spacing: three separable passes of the lower envelope of parabolas (Felzenszwalb and Huttenlocher, 2012).
/// Voxels outside the box are never features, so a box face is no boundary. Features: the voxels whose
/// <paramref name="feature"/> value equals <paramref name="featureWhen"/>.
/// </summary>
public static class DistanceMap
{
    private const float Far = 1e12f;

    public static float[] Squared(VoxelBox box, bool[] feature, bool featureWhen = true)
    {
        var d = new float[box.Count];
        for (var i = 0; i < d.Length; i++)
        {
            d[i] = feature[i] == featureWhen ? 0 : Far;
        }

        var longest = Math.Max(box.Width, Math.Max(box.Height, box.Depth));
        var line = new float[longest];
        var result = new float[longest];
        var hull = new int[longest];
        var bounds = new float[longest + 1];
        Pass(d, box.Width, 1, box.Height * box.Depth, i => ((i % box.Height) * box.Width) + (i / box.Height * box.Width * box.Height), box.ColumnSpacingMm);
        Pass(d, box.Height, box.Width, box.Width * box.Depth, i => (i % box.Width) + (i / box.Width * box.Width * box.Height), box.RowSpacingMm);
        Pass(d, box.Depth, box.Width * box.Height, box.Width * box.Height, i => i, box.SliceSpacingMm);
        return d;

        void Pass(float[] values, int n, int stride, int lines, Func<int, int> start, float spacing)
        {
            for (var l = 0; l < lines; l++)
            {
                var s = start(l);
                for (var k = 0; k < n; k++)
                {
                    line[k] = values[s + (k * stride)];
                }

                Envelope(line, result, hull, bounds, n, spacing * spacing);
                for (var k = 0; k < n; k++)
                {
                    values[s + (k * stride)] = result[k];
                }
            }
        }
    }

    /// <summary>One-dimensional squared distance transform of sampled function f with sample spacing² w2.</summary>
    private static void Envelope(float[] f, float[] d, int[] v, float[] z, int n, float w2)
    {
        var k = -1;
        for (var q = 0; q < n; q++)
        {
            if (f[q] >= Far)
            {
                continue;
            }

            while (k >= 0)
            {
                var s = Intersection(f, v[k], q, w2);
                if (s > z[k])
                {
                    break;
                }

                k--;
            }

            k++;
            v[k] = q;
            z[k] = k == 0 ? float.NegativeInfinity : Intersection(f, v[k - 1], q, w2);
            z[k + 1] = float.PositiveInfinity;
        }

        if (k < 0)
        {
            Array.Fill(d, Far, 0, n);
            return;
        }

        var j = 0;
        for (var q = 0; q < n; q++)
        {
            while (z[j + 1] < q)
            {
                j++;
            }

            var dq = q - v[j];
            d[q] = (w2 * dq * dq) + f[v[j]];
        }
    }

    private static float Intersection(float[] f, int p, int q, float w2) =>
        ((f[q] + (w2 * q * q)) - (f[p] + (w2 * p * p))) / (2 * w2 * (q - p));
}
