using Airadcr.Inference.Engine.Imaging;

namespace Airadcr.Inference.Engine.Analysis;

/// <summary>Decodes a study's stored instances and stacks their frames into volumes.</summary>
public sealed class StudyReader(IImageDecoder decoder)
{
    public IReadOnlyList<ImageVolume> Read(IReadOnlyCollection<StoredInstance> instances)
    {
        if (instances.Count == 0)
        {
            throw new AnalysisRejectedException(AnalysisRejection.EmptyStudy, "the study has no instance");
        }

        var images = new List<DecodedImage>();
        foreach (var instance in instances)
        {
            try
            {
                images.AddRange(decoder.Decode(instance.Bytes));
            }
            catch (ImageDecodeException e)
            {
                throw new AnalysisRejectedException(AnalysisRejection.NotDecodable, $"instance '{instance.Name}' cannot be decoded: {e.Message}", e);
            }
        }

        if (images.Count == 0)
        {
            throw new AnalysisRejectedException(AnalysisRejection.EmptyStudy,
                $"none of the study's {instances.Count} instance(s) holds an image");
        }

        return VolumeAssembler.Assemble(images);
    }
}
