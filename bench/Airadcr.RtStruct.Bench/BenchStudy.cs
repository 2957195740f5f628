using Airadcr.Testing;

namespace Airadcr.RtStruct.Bench;

/// <summary>The bench's study: a 512x512 CT of <c>slices</c> slices (0.9766 mm pixels, 2 mm slices) and 20 ROIs,
/// spheres of 8 to 46 mm radius and boxes of 20 to 110 mm sides spread over the volume.</summary>
internal static class BenchStudy
{
    public static SyntheticCtGrid Grid(int slices) =>
        new(Columns: 512, Rows: 512, Slices: slices, PixelSpacingMm: 0.9766, SliceSpacingMm: 2, X0: -250, Y0: -250, Z0: -slices);

    public static IReadOnlyList<SyntheticRtShape> Shapes(int slices)
    {
        var shapes = new List<SyntheticRtShape>();
        var halfHeight = slices - 50.0;
        for (var i = 0; i < 10; i++)
        {
            var angle = 2 * Math.PI * i / 10;
            var z = -halfHeight + 2 * halfHeight * i / 9;
            shapes.Add(new SyntheticSphere($"Sphere {i + 1}", 150 * Math.Cos(angle) + 0.3, 150 * Math.Sin(angle) - 0.2, z + 0.1, 8 + 4.2 * i,
                (byte)(25 * i), 0, 255));
            var side = 20 + 10 * i;
            var cx = 60 * Math.Cos(angle + 0.3);
            var cy = 60 * Math.Sin(angle + 0.3);
            shapes.Add(new SyntheticBox($"Box {i + 1}", cx - side / 2.0, cy - side / 2.0, -z - side / 4.0, cx + side / 2.0, cy + side / 2.0, -z + side / 4.0,
                0, (byte)(25 * i), 128));
        }

        return shapes;
    }

    public static SyntheticRtStudy Write(string directory, int slices) => SyntheticRtStudy.Write(directory, Grid(slices), Shapes(slices));
}
