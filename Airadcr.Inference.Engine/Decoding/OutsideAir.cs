namespace Airadcr.Inference.Engine.Decoding;

/// <summary>
/// Per plane, the pixels of air (below <see cref="AirHu"/> and below the density threshold) that connect
/// (4-neighbours) to the plane's border: the air around the body, told apart from the lungs, which the body encloses.
/// Lung parenchyma (about -850 HU) is not air: a targeted reconstruction whose lung touches the image border keeps its
/// lung. Worked out once per plane, when first asked.
/// </summary>
public sealed class OutsideAir(IReadOnlyList<float[]> planes, int height, int width, float threshold)
{
    /// <summary>Air is about -1000 HU; -950 HU (the usual emphysema cut-off) leaves lung and its noise out.</summary>
    public const float AirHu = -950;

    private readonly float _air = Math.Min(threshold, AirHu);

    private readonly bool[]?[] _outside = new bool[planes.Count][];

    public bool Contains(int x, int y, int z) => Plane(z)[(y * width) + x];

    private bool[] Plane(int z)
    {
        if (_outside[z] is { } known)
        {
            return known;
        }

        var values = planes[z];
        var outside = new bool[values.Length];
        var pending = new Stack<int>();
        for (var x = 0; x < width; x++)
        {
            Visit(x);
            Visit(((height - 1) * width) + x);
        }

        for (var y = 0; y < height; y++)
        {
            Visit(y * width);
            Visit((y * width) + width - 1);
        }

        while (pending.TryPop(out var i))
        {
            var (x, y) = (i % width, i / width);
            if (x > 0)
            {
                Visit(i - 1);
            }

            if (x < width - 1)
            {
                Visit(i + 1);
            }

            if (y > 0)
            {
                Visit(i - width);
            }

            if (y < height - 1)
            {
                Visit(i + width);
            }
        }

        _outside[z] = outside;
        return outside;

        void Visit(int i)
        {
            if (!outside[i] && values[i] < _air)
            {
                outside[i] = true;
                pending.Push(i);
            }
        }
    }
}
