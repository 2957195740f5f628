using System.Numerics;
using Airadcr.Inference.Engine.Imaging;

namespace Airadcr.Inference.Tests.Phantoms;

/// <summary>
/// Builds axial volumes voxel by voxel from a function of the patient position (mm), with partial-volume
/// averaging (4x4x4 sub-samples) where the function is not constant inside a voxel, plus seeded Gaussian noise.
/// </summary>
public static class SyntheticVolume
{
    public static ImageVolume Axial(
        string modality, int size, int depth, float pixelMm, float sliceMm, Func<Vector3, float> value, float noise, int seed,
        string study = "1.2.826.0.1.3680043.10.1136.1", string series = "1.2.826.0.1.3680043.10.1136.1.1")
    {
        var planes = new float[depth][];
        Parallel.For(0, depth, z =>
        {
            var random = new Random(seed + z);
            var plane = new float[size * size];
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    plane[(y * size) + x] = Voxel(x, y, z, size, pixelMm, sliceMm, value) + (noise * Gaussian(random));
                }
            }

            planes[z] = plane;
        });
        var slices = Enumerable.Range(0, depth)
            .Select(z => new SliceGeometry($"{series}.{z + 1}", 1, Origin(size, pixelMm) + new Vector3(0, 0, z * sliceMm)))
            .ToList();
        return new ImageVolume(study, series, modality, size, size, pixelMm, pixelMm, Vector3.UnitX, Vector3.UnitY, slices, planes);
    }

    /// <summary>Patient position of voxel centre (x, y, z): the image is centred on the z axis.</summary>
    public static Vector3 Position(float x, float y, float z, int size, float pixelMm, float sliceMm) =>
        Origin(size, pixelMm) + new Vector3(x * pixelMm, y * pixelMm, z * sliceMm);

    private static Vector3 Origin(int size, float pixelMm) => new(-(size - 1) * pixelMm / 2, -(size - 1) * pixelMm / 2, 0);

    private static float Voxel(int x, int y, int z, int size, float pixelMm, float sliceMm, Func<Vector3, float> value)
    {
        const int n = 4;
        var corner = value(Position(x - 0.5f, y - 0.5f, z - 0.5f, size, pixelMm, sliceMm));
        var centre = value(Position(x, y, z, size, pixelMm, sliceMm));
        var opposite = value(Position(x + 0.5f, y + 0.5f, z + 0.5f, size, pixelMm, sliceMm));
        if (corner == centre && centre == opposite && Uniform(x, y, z, size, pixelMm, sliceMm, value, centre))
        {
            return centre;
        }

        var sum = 0f;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var k = 0; k < n; k++)
                {
                    sum += value(Position(x - 0.5f + ((i + 0.5f) / n), y - 0.5f + ((j + 0.5f) / n), z - 0.5f + ((k + 0.5f) / n), size, pixelMm, sliceMm));
                }
            }
        }

        return sum / (n * n * n);
    }

    private static bool Uniform(int x, int y, int z, int size, float pixelMm, float sliceMm, Func<Vector3, float> value, float centre)
    {
        for (var i = -1; i <= 1; i += 2)
        {
            for (var j = -1; j <= 1; j += 2)
            {
                for (var k = -1; k <= 1; k += 2)
                {
                    if (value(Position(x + (i * 0.5f), y + (j * 0.5f), z + (k * 0.5f), size, pixelMm, sliceMm)) != centre)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static float Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
