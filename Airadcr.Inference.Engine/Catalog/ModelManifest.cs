using System.Text.Json.Serialization;
using Airadcr.Inference.Engine.Findings;

namespace Airadcr.Inference.Engine.Catalog;

/// <summary>
/// What a model needs and produces, read from <c>{id}.json</c> next to its ONNX file in the models folder.
/// </summary>
public sealed record ModelManifest
{
    public required string Id { get; init; }

    public required string Version { get; init; }

    /// <summary>ONNX file name, relative to the manifest.</summary>
    public required string File { get; init; }

    /// <summary>DICOM modalities the model accepts (CT, MR, CR, DX...).</summary>
    public required IReadOnlyList<string> Modalities { get; init; }

    public string? BodyPart { get; init; }

    public string? Description { get; init; }

    /// <summary>Hex SHA-256 of the ONNX file; checked when present.</summary>
    public string? Sha256 { get; init; }

    public required TensorSpec Input { get; init; }

    public Preprocessing Preprocessing { get; init; } = new();

    public required OutputDecoding Decoding { get; init; }
}

/// <summary>The single image input of a model: NCHW float with one channel; null height/width = any size.</summary>
public sealed record TensorSpec(string Name, int? Height = null, int? Width = null);

/// <summary>Applied in order: intensity window or normalisation, then in-plane resampling.</summary>
public sealed record Preprocessing
{
    /// <summary>Modality values mapped to [0, 1] through this window (e.g. lung window for CT).</summary>
    public IntensityWindow? Window { get; init; }

    /// <summary>Values divided by this percentile of the image (volume for cross-sectional), clamped to [0, 1.5].</summary>
    public double? NormalisePercentile { get; init; }

    /// <summary>Planes resampled (bilinear) to this isotropic in-plane pixel spacing.</summary>
    public float? ResampleSpacingMm { get; init; }
}

public sealed record IntensityWindow(float Center, float Width);

/// <summary>How outputs become findings; <c>kind</c> selects the decoder.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(BlobDecoding), "blobs")]
[JsonDerivedType(typeof(MaskVolumeDecoding), "mask-volume")]
[JsonDerivedType(typeof(ClassificationDecoding), "classification")]
public abstract record OutputDecoding
{
    public abstract IEnumerable<string> OutputNames { get; }
}

/// <summary>
/// Heatmap peaks per plane above <see cref="Threshold"/> (and, when set, weaker ones above
/// <see cref="SubsolidThreshold"/> on voxels below <see cref="SegmentationThreshold"/>: ground-glass) seed a
/// segmentation of the modality values at the lesion's half maximum, separated from the chest wall by an opening with
/// a ball of <see cref="WallRadiusMm"/> (default: half the largest diameter + 1 mm) and from vessels by an opening at
/// the nodule's own radius. A region is kept when its equivalent-sphere diameter is in [<see cref="MinDiameterMm"/>,
/// <see cref="MaxDiameterMm"/>], no extent exceeds <see cref="MaxDiameterMm"/> and its longest extent is at most
/// <see cref="MaxElongation"/> times that diameter. <see cref="SegmentationThreshold"/> also tells the air around the
/// body from the body.
/// </summary>
public sealed record BlobDecoding(
    string ResponseOutput,
    float Threshold,
    float SegmentationThreshold,
    float MinDiameterMm,
    float MaxDiameterMm,
    CodedConcept Finding,
    float MaxElongation = 2,
    float? SubsolidThreshold = null,
    float? WallRadiusMm = null) : OutputDecoding
{
    public override IEnumerable<string> OutputNames => [ResponseOutput];
}

/// <summary>A mask output (value above 0.5 = inside) measured as a volume; the largest 3D component is kept.</summary>
public sealed record MaskVolumeDecoding(string MaskOutput, float MinVolumeMl, CodedConcept Finding) : OutputDecoding
{
    public override IEnumerable<string> OutputNames => [MaskOutput];
}

/// <summary>A probability vector output, one label per entry; the most probable label is reported.</summary>
public sealed record ClassificationDecoding(string ProbabilitiesOutput, IReadOnlyList<CodedConcept> Labels) : OutputDecoding
{
    public override IEnumerable<string> OutputNames => [ProbabilitiesOutput];
}
