using Airadcr.Inference.Engine.Catalog;
using Airadcr.Inference.Engine.Imaging;

namespace Airadcr.Inference.Engine.Processing;

/// <summary>Turns a volume into the model's input grid as its manifest describes: intensity first, then resampling.</summary>
public static class Preprocessor
{
    private const int PercentileSamples = 1 << 20;

    public static ModelGrid Prepare(ImageVolume volume, ModelManifest manifest)
    {
        var pre = manifest.Preprocessing;
        var (height, width) = TargetSize(volume, manifest);
        var map = IntensityMap(volume, pre);
        var planes = new float[volume.Depth][];
        Parallel.For(0, volume.Depth, z =>
        {
            var mapped = volume.Planes[z].Select(map).ToArray();
            planes[z] = height == volume.Rows && width == volume.Columns
                ? mapped
                : PlaneResampler.Bilinear(mapped, volume.Rows, volume.Columns, height, width);
        });
        return new ModelGrid(planes, height, width, (double)volume.Columns / width, (double)volume.Rows / height);
    }

    private static (int Height, int Width) TargetSize(ImageVolume volume, ModelManifest manifest)
    {
        if (manifest.Input is { Height: { } h, Width: { } w })
        {
            return (h, w);
        }

        if (manifest.Preprocessing.ResampleSpacingMm is { } spacing)
        {
            return (Math.Max(1, (int)Math.Round(volume.Rows * volume.RowSpacingMm / spacing)),
                    Math.Max(1, (int)Math.Round(volume.Columns * volume.ColumnSpacingMm / spacing)));
        }

        return (volume.Rows, volume.Columns);
    }

    private static Func<float, float> IntensityMap(ImageVolume volume, Preprocessing pre)
    {
        if (pre.Window is { } window)
        {
            var low = window.Center - (window.Width / 2);
            return v => Math.Clamp((v - low) / window.Width, 0f, 1f);
        }

        if (pre.NormalisePercentile is { } percentile)
        {
            var reference = Percentile(volume, percentile);
            return reference > 0 ? v => Math.Clamp(v / reference, 0f, 1.5f) : v => 0f;
        }

        return v => v;
    }

    private static float Percentile(ImageVolume volume, double percentile)
    {
        var total = (long)volume.Depth * volume.Rows * volume.Columns;
        var step = Math.Max(1, (int)(total / PercentileSamples));
        var samples = new List<float>((int)Math.Min(total, PercentileSamples + volume.Depth));
        var planeSize = volume.Rows * volume.Columns;
        for (long i = 0; i < total; i += step)
        {
            samples.Add(volume.Planes[(int)(i / planeSize)][i % planeSize]);
        }

        samples.Sort();
        var index = (int)Math.Clamp(Math.Ceiling(percentile / 100 * samples.Count) - 1, 0, samples.Count - 1);
        return samples[index];
    }
}
