namespace Airadcr.RtStruct;

/// <summary>What <see cref="RtStructProcessor"/> found, written as <c>summary.json</c> (snake_case) beside the masks
/// and meshes. <see cref="Error"/> is a structure-set-level failure (no usable image grid, ...): then every ROI
/// carries an error too. File names are relative to the output directory.</summary>
public sealed record RtStructSummary(
    string SopInstanceUid,
    string StudyInstanceUid,
    string? FrameOfReferenceUid,
    string? StructureSetLabel,
    RtGridSummary? Grid,
    IReadOnlyList<RtRoiSummary> Rois,
    string? Error)
{
    public const string FileName = "summary.json";
}

/// <summary>The image grid of the referenced series. Spacing is [column (x), row (y), slice] in mm; origin is the
/// centre of the first voxel of the first slice (in slice order along the normal); directions are unit vectors in LPS.</summary>
public sealed record RtGridSummary(
    string SeriesInstanceUid,
    int Columns,
    int Rows,
    int Slices,
    double[] SpacingMm,
    double[] OriginMm,
    double[] RowDirection,
    double[] ColumnDirection,
    double[] SliceDirection,
    bool UnevenSpacing);

/// <summary>One ROI's measures. Centroid and bounding box ([min x, min y, min z, max x, max y, max z], voxel
/// centres) are patient coordinates in mm (LPS). Volume from the mask (voxel count x voxel volume); surface from the
/// smoothed mesh; mesh volume by the divergence theorem over the same mesh.</summary>
public sealed record RtRoiSummary(
    int Number,
    string Name,
    int[]? Color,
    string? InterpretedType,
    double? VolumeCc,
    double? SurfaceCm2,
    double? MeshVolumeCc,
    double[]? CentroidMm,
    double[]? BboxMm,
    int SliceCount,
    long VoxelCount,
    RtRoiFiles Files,
    string? Error);

public sealed record RtRoiFiles(string? Nifti, string? Stl);
