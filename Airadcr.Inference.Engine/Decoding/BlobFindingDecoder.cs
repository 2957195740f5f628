using Airadcr.Inference.Engine.Catalog;
using Airadcr.Inference.Engine.Findings;
using Airadcr.Inference.Engine.Imaging;
using Airadcr.Inference.Engine.Processing;

namespace Airadcr.Inference.Engine.Decoding;

/// <summary>
/// Heatmap peaks -> blob findings. Peaks (8-neighbourhood maxima above the threshold) on each plane are seeds; each
/// seed grows through the volume's own voxels above the segmentation threshold, within the largest accepted diameter
/// around the seed. Seeds inside an already grown region join it (3D grouping across planes); a region that reaches
/// its bound (wall), is too long or elongated (vessel) or whose equivalent-sphere diameter is outside [min, max] is
/// dropped.
/// </summary>
public static class BlobFindingDecoder
{
    public static IEnumerable<Finding> Decode(ModelManifest manifest, BlobDecoding decoding, ImageVolume volume, ModelGrid grid, PlaneOutputs outputs)
    {
        var responses = outputs.Output(decoding.ResponseOutput);
        var grower = new RegionGrower(volume.Planes, volume.Rows, volume.Columns, v => v >= decoding.SegmentationThreshold);
        var radius = decoding.MaxDiameterMm;
        var (rx, ry, rz) = ((int)Math.Ceiling(radius / volume.ColumnSpacingMm), (int)Math.Ceiling(radius / volume.RowSpacingMm),
            (int)Math.Ceiling(radius / volume.SliceSpacingMm));
        foreach (var peak in Peaks(responses, grid, decoding.Threshold).OrderByDescending(p => p.Response).ThenBy(p => p.Z).ThenBy(p => p.Y).ThenBy(p => p.X))
        {
            var x = (int)Math.Clamp(Math.Round(grid.ToNativeX(peak.X)), 0, volume.Columns - 1);
            var y = (int)Math.Clamp(Math.Round(grid.ToNativeY(peak.Y)), 0, volume.Rows - 1);
            if (grower.Claimed(x, y, peak.Z) || !grower.Inside(x, y, peak.Z))
            {
                continue;
            }

            var region = grower.Grow(x, y, peak.Z, x - rx, x + rx, y - ry, y + ry, peak.Z - rz, peak.Z + rz);
            var volumeMm3 = region.Count * volume.VoxelVolumeMm3;
            var diameter = Math.Cbrt(6 * volumeMm3 / Math.PI);
            var extent = Math.Max(Math.Max((region.MaxX - region.MinX + 1) * volume.ColumnSpacingMm,
                (region.MaxY - region.MinY + 1) * volume.RowSpacingMm), (region.MaxZ - region.MinZ + 1) * volume.SliceSpacingMm);
            if (region.TouchesLimit || diameter < decoding.MinDiameterMm || diameter > decoding.MaxDiameterMm
                || extent > decoding.MaxDiameterMm || extent > decoding.MaxElongation * diameter)
            {
                continue;
            }

            yield return new Finding(
                manifest.Id,
                manifest.Version,
                decoding.Finding,
                FindingLocator.Locate(volume, region),
                new FindingSize(
                    Math.Round(diameter, 2),
                    Math.Round(region.LargestPlaneCount * volume.RowSpacingMm * volume.ColumnSpacingMm, 2),
                    Math.Round(volumeMm3 / 1000, 4)),
                Math.Round(1 - Math.Pow(0.5, peak.Response / decoding.Threshold), 3));
        }
    }

    private static IEnumerable<(int X, int Y, int Z, float Response)> Peaks(IReadOnlyList<float[]> responses, ModelGrid grid, float threshold)
    {
        var (w, h) = (grid.Width, grid.Height);
        for (var z = 0; z < responses.Count; z++)
        {
            var r = responses[z];
            for (var y = 1; y < h - 1; y++)
            {
                for (var x = 1; x < w - 1; x++)
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
