using Airadcr.Inference.Engine.Catalog;
using Airadcr.Inference.Engine.Findings;
using Airadcr.Inference.Engine.Imaging;
using Airadcr.Inference.Engine.Processing;

namespace Airadcr.Inference.Engine.Decoding;

/// <summary>Classification -> one label per plane: the most probable entry, its probability as confidence.</summary>
public static class ClassificationFindingDecoder
{
    public static IEnumerable<Finding> Decode(ModelManifest manifest, ClassificationDecoding decoding, ImageVolume volume, ModelGrid grid, PlaneOutputs outputs)
    {
        var probabilities = outputs.Output(decoding.ProbabilitiesOutput);
        for (var z = 0; z < probabilities.Count; z++)
        {
            var p = probabilities[z];
            if (p.Length != decoding.Labels.Count)
            {
                throw new InvalidDataException(
                    $"model '{manifest.Id}' output '{decoding.ProbabilitiesOutput}' has {p.Length} entries, the manifest lists {decoding.Labels.Count} labels");
            }

            var best = Array.IndexOf(p, p.Max());
            var whole = new VoxelRegion();
            whole.Add(0, 0, z);
            whole.Add(grid.Width - 1, grid.Height - 1, z);
            yield return new Finding(
                manifest.Id,
                manifest.Version,
                decoding.Labels[best],
                FindingLocator.Locate(volume, whole, grid),
                new FindingSize(null, null, null),
                Math.Round(p[best], 3));
        }
    }
}
