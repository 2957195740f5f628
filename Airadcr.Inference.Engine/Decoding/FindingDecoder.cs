using Airadcr.Inference.Engine.Catalog;
using Airadcr.Inference.Engine.Findings;
using Airadcr.Inference.Engine.Imaging;
using Airadcr.Inference.Engine.Processing;

namespace Airadcr.Inference.Engine.Decoding;

/// <summary>Chooses the decoder the manifest names.</summary>
public static class FindingDecoder
{
    public static IReadOnlyList<Finding> Decode(ModelManifest manifest, ImageVolume volume, ModelGrid grid, PlaneOutputs outputs) =>
        (manifest.Decoding switch
        {
            BlobDecoding blobs => BlobFindingDecoder.Decode(manifest, blobs, volume, grid, outputs),
            MaskVolumeDecoding mask => MaskVolumeFindingDecoder.Decode(manifest, mask, volume, grid, outputs),
            ClassificationDecoding labels => ClassificationFindingDecoder.Decode(manifest, labels, volume, grid, outputs),
            _ => throw new InvalidDataException($"model '{manifest.Id}' has an unknown decoding"),
        }).ToList();
}
