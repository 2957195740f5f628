using System.Numerics;

namespace Airadcr.Inference.Engine.Imaging;

/// <summary>
/// A stack of co-planar image planes of one series, pixel values already through the modality LUT (HU for CT),
/// slices ordered along the plane normal. The engine works only on this; DICOM is an adapter at the edge.
/// </summary>
public sealed class ImageVolume
{
    public ImageVolume(
        string studyInstanceUid, string seriesInstanceUid, string modality,
        int rows, int columns, float rowSpacingMm, float columnSpacingMm,
        Vector3 rowDirection, Vector3 columnDirection,
        IReadOnlyList<SliceGeometry> slices, IReadOnlyList<float[]> planes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowSpacingMm);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columnSpacingMm);
        if (slices.Count == 0 || slices.Count != planes.Count)
        {
            throw new ArgumentException("A volume needs at least one plane and one geometry per plane.", nameof(planes));
        }

        if (planes.Any(p => p.Length != rows * columns))
        {
            throw new ArgumentException($"Every plane must hold {rows}x{columns} values.", nameof(planes));
        }

        StudyInstanceUid = studyInstanceUid;
        SeriesInstanceUid = seriesInstanceUid;
        Modality = modality;
        Rows = rows;
        Columns = columns;
        RowSpacingMm = rowSpacingMm;
        ColumnSpacingMm = columnSpacingMm;
        RowDirection = Vector3.Normalize(rowDirection);
        ColumnDirection = Vector3.Normalize(columnDirection);
        Slices = slices;
        Planes = planes;
        SliceSpacingMm = MeasureSliceSpacing();
    }

    public string StudyInstanceUid { get; }

    public string SeriesInstanceUid { get; }

    /// <summary>DICOM Modality (0008,0060): CT, MR, CR, DX...</summary>
    public string Modality { get; }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Distance between the centres of adjacent rows (first value of Pixel Spacing).</summary>
    public float RowSpacingMm { get; }

    /// <summary>Distance between the centres of adjacent columns (second value of Pixel Spacing).</summary>
    public float ColumnSpacingMm { get; }

    /// <summary>Direction of increasing column index (first triplet of Image Orientation (Patient)).</summary>
    public Vector3 RowDirection { get; }

    /// <summary>Direction of increasing row index (second triplet of Image Orientation (Patient)).</summary>
    public Vector3 ColumnDirection { get; }

    /// <summary>Distance between adjacent planes along the normal; 1 mm for a single plane.</summary>
    public float SliceSpacingMm { get; }

    public IReadOnlyList<SliceGeometry> Slices { get; }

    /// <summary>One row-major array of <see cref="Rows"/> x <see cref="Columns"/> values per plane.</summary>
    public IReadOnlyList<float[]> Planes { get; }

    public int Depth => Planes.Count;

    public Vector3 Normal => Vector3.Normalize(Vector3.Cross(RowDirection, ColumnDirection));

    public float VoxelVolumeMm3 => RowSpacingMm * ColumnSpacingMm * SliceSpacingMm;

    /// <summary>Patient coordinates (mm) of a fractional voxel position (column, row, plane).</summary>
    public Vector3 ToPatient(float column, float row, float plane)
    {
        var clamped = Math.Clamp(plane, 0, Depth - 1);
        var below = (int)MathF.Floor(clamped);
        var above = Math.Min(below + 1, Depth - 1);
        var origin = Vector3.Lerp(Slices[below].Position, Slices[above].Position, clamped - below);
        origin += Normal * (plane - clamped) * SliceSpacingMm;
        return origin + (RowDirection * column * ColumnSpacingMm) + (ColumnDirection * row * RowSpacingMm);
    }

    private float MeasureSliceSpacing()
    {
        if (Slices.Count < 2)
        {
            return 1f;
        }

        var span = Vector3.Dot(Slices[^1].Position - Slices[0].Position, Normal);
        var spacing = MathF.Abs(span) / (Slices.Count - 1);
        return spacing > 1e-3f ? spacing : 1f;
    }
}
