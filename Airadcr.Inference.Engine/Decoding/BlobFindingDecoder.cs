using Airadcr.Inference.Engine.Catalog;
using Airadcr.Inference.Engine.Findings;
using Airadcr.Inference.Engine.Imaging;
using Airadcr.Inference.Engine.Processing;

namespace Airadcr.Inference.Engine.Decoding;

/// <summary>
/// Heatmap peaks -> blob findings. Peaks (8-neighbourhood maxima, not within 8 model pixels of the edge of a plane,
/// where the graph's zero padding makes a false edge) on each plane are seeds: those above the threshold,
/// and, when the manifest sets a subsolid threshold, weaker ones whose 3x3 mean is in the ground-glass band (from the
/// segmentation threshold down by 350 HU). Strongest first, each unclaimed seed is handed to the <see cref="NoduleSegmenter"/>, which cuts the
/// nodule out of the volume's own voxels (away from the chest wall and vessels) or finds none there.
/// </summary>
public static class BlobFindingDecoder
{
    private const float GroundGlassBandHu = 350;

    /// <summary>Model-grid pixels along the edges where the graph's zero padding makes a false edge: no peaks there.</summary>
    private const int BorderPx = 8;

    public static IEnumerable<Finding> Decode(ModelManifest manifest, BlobDecoding decoding, ImageVolume volume, ModelGrid grid, PlaneOutputs outputs)
    {
        var responses = outputs.Output(decoding.ResponseOutput);
        var segmenter = new NoduleSegmenter(volume, decoding);
        var lowest = Math.Min(decoding.Threshold, decoding.SubsolidThreshold ?? decoding.Threshold);
        foreach (var peak in Peaks(responses, grid, lowest).OrderByDescending(p => p.Response).ThenBy(p => p.Z).ThenBy(p => p.Y).ThenBy(p => p.X))
        {
            var x = (int)Math.Clamp(Math.Round(grid.ToNativeX(peak.X)), 0, volume.Columns - 1);
            var y = (int)Math.Clamp(Math.Round(grid.ToNativeY(peak.Y)), 0, volume.Rows - 1);
            var solid = peak.Response >= decoding.Threshold;
            if (segmenter.Claimed(x, y, peak.Z) || segmenter.Outside(x, y, peak.Z)
                || (!solid && !GroundGlass(volume, x, y, peak.Z, decoding.SegmentationThreshold)))
            {
                continue;
            }

            if (segmenter.Segment(x, y, peak.Z) is not { } region)
            {
                continue;
            }

            var volumeMm3 = region.Count * volume.VoxelVolumeMm3;
            yield return new Finding(
                manifest.Id,
                manifest.Version,
                decoding.Finding,
                FindingLocator.Locate(volume, region),
                new FindingSize(
                    Math.Round(Math.Cbrt(6 * volumeMm3 / Math.PI), 2),
                    Math.Round(region.LargestPlaneCount * volume.RowSpacingMm * volume.ColumnSpacingMm, 2),
                    Math.Round(volumeMm3 / 1000, 4)),
                Math.Round(1 - Math.Pow(0.5, peak.Response / (solid ? decoding.Threshold : decoding.SubsolidThreshold!.Value)), 3));
        }
    }

    /// <summary>
    /// A weak peak is worth segmenting where the 3x3 mean around it lies in the ground-glass band: below the segmentation
    /// threshold, and above it minus <see cref="GroundGlassBandHu"/> (-750 HU for -400; lung is about -850).
    /// </summary>
    private static bool GroundGlass(ImageVolume volume, int x, int y, int z, float segmentationThreshold)
    {
        var (plane, sum) = (volume.Planes[z], 0f);
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                sum += plane[(Math.Clamp(y + dy, 0, volume.Rows - 1) * volume.Columns) + Math.Clamp(x + dx, 0, volume.Columns - 1)];
            }
        }

        return sum / 9 < segmentationThreshold && sum / 9 >= segmentationThreshold - GroundGlassBandHu;
    }

    private static IEnumerable<(int X, int Y, int Z, float Response)> Peaks(IReadOnlyList<float[]> responses, ModelGrid grid, float threshold)
    {
        var (w, h) = (grid.Width, grid.Height);
        for (var z = 0; z < responses.Count; z++)
        {
            var r = responses[z];
            for (var y = BorderPx; y < h - BorderPx; y++)
            {
                for (var x = BorderPx; x < w - BorderPx; x++)
                {
                    var v = r[(y * w) + x];
                    if (v >= threshold && IsMaximum(r, w, x, y, v))
                    {
                        yield return (x, y, z, v);
                    }
                }
            }
        }
    }

    private static bool IsMaximum(float[] r, int w, int x, int y, float v)
    {
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                if ((dx != 0 || dy != 0) && r[((y + dy) * w) + x + dx] > v)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
