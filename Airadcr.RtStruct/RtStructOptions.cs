namespace Airadcr.RtStruct;

/// <summary>What <see cref="RtStructProcessor"/> writes and how it builds meshes.</summary>
public sealed record RtStructOptions
{
    public static RtStructOptions Default { get; } = new();

    /// <summary>Write one gzipped NIfTI-1 mask per ROI (<c>roi-{number}.nii.gz</c>) on the whole image grid.</summary>
    public bool WriteNifti { get; init; } = true;

    /// <summary>Write one binary STL mesh per ROI (<c>roi-{number}.stl</c>), patient coordinates in mm (LPS).</summary>
    public bool WriteStl { get; init; } = true;

    /// <summary>Taubin smoothing passes (each a λ step and a μ step) applied to the marching-cubes mesh before the
    /// surface area is measured and the STL written; 0 keeps the raw mesh.</summary>
    public int SmoothingIterations { get; init; } = 20;

    public double TaubinLambda { get; init; } = 0.5;

    public double TaubinMu { get; init; } = -0.53;

    /// <summary>A ROI with more Contour Data points is an error in the summary, not processed.</summary>
    public int MaxPointsPerRoi { get; init; } = RtStructureSet.DefaultMaxPointsPerRoi;

    /// <summary>A ROI whose bounding block of voxels is larger is an error (each mask is one byte per voxel of its block).</summary>
    public long MaxMaskVoxels { get; init; } = 1L << 30;

    /// <summary>ROIs processed at once (each holds one mask of at most the grid's size).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
