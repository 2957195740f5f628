using Airadcr.Inference.Engine.Catalog;
using Airadcr.Inference.Engine.Findings;
using Airadcr.Inference.Engine.Imaging;
using Airadcr.Inference.Engine.Processing;

namespace Airadcr.Inference.Engine.Decoding;

/// <summary>Mask -> volume: the largest 6-connected component of the mask (value above 0.5), measured in mL.</summary>
public static class MaskVolumeFindingDecoder
{
    public static IEnumerable<Finding> Decode(ModelManifest manifest, MaskVolumeDecoding decoding, ImageVolume volume, ModelGrid grid, PlaneOutputs outputs)
    {
        var mask = outputs.Output(decoding.MaskOutput);
        var grower = new RegionGrower(mask, grid.Height, grid.Width, v => v > 0.5f);
        VoxelRegion? largest = null;
        for (var z = 0; z < grower.Depth; z++)
        {
            for (var y = 0; y < grid.Height; y++)
            {
                for (var x = 0; x < grid.Width; x++)
                {
                    if (!grower.Claimed(x, y, z) && grower.Inside(x, y, z))
                    {
                        var region = grower.Grow(x, y, z);
                        if (largest is null || region.Count > largest.Count)
                        {
                            largest = region;
                        }
                    }
                }
            }
        }

        if (largest is null)
        {
            yield break;
        }

        var pixelArea = volume.RowSpacingMm * grid.ScaleY * volume.ColumnSpacingMm * grid.ScaleX;
        var volumeMl = largest.Count * pixelArea * volume.SliceSpacingMm / 1000;
        if (volumeMl < decoding.MinVolumeMl)
        {
            yield break;
        }

        yield return new Finding(
            manifest.Id,
            manifest.Version,
            decoding.Finding,
            FindingLocator.Locate(volume, largest, grid),
            new FindingSize(null, Math.Round(largest.LargestPlaneCount * pixelArea, 2), Math.Round(volumeMl, 3)),
            1.0);
    }
}
