namespace Airadcr.Inference.Engine.Processing;

/// <summary>Bilinear resampling of one row-major plane, pixel centres aligned (the mapping of <see cref="ModelGrid"/>).</summary>
public static class PlaneResampler
{
    public static float[] Bilinear(float[] source, int rows, int columns, int height, int width)
    {
        var target = new float[height * width];
        var scaleX = (double)columns / width;
        var scaleY = (double)rows / height;
        for (var y = 0; y < height; y++)
        {
            var sy = Math.Clamp(((y + 0.5) * scaleY) - 0.5, 0, rows - 1);
            var y0 = (int)sy;
            var y1 = Math.Min(y0 + 1, rows - 1);
            var fy = (float)(sy - y0);
            for (var x = 0; x < width; x++)
            {
                var sx = Math.Clamp(((x + 0.5) * scaleX) - 0.5, 0, columns - 1);
                var x0 = (int)sx;
                var x1 = Math.Min(x0 + 1, columns - 1);
                var fx = (float)(sx - x0);
                var top = source[(y0 * columns) + x0] + ((source[(y0 * columns) + x1] - source[(y0 * columns) + x0]) * fx);
                var bottom = source[(y1 * columns) + x0] + ((source[(y1 * columns) + x1] - source[(y1 * columns) + x0]) * fx);
                target[(y * width) + x] = top + ((bottom - top) * fy);
            }
        }

        return target;
    }
}
