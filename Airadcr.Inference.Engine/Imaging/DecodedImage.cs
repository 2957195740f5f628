using System.Numerics;

namespace Airadcr.Inference.Engine.Imaging;

/// <summary>
/// One decoded frame as an input adapter (DICOM today) hands it over: modality values (after the modality LUT;
/// MONOCHROME1 already inverted for projection images) and the attributes needed to stack frames into volumes.
/// </summary>
public sealed record DecodedImage(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopInstanceUid,
    int Frame,
    string Modality,
    int Rows,
    int Columns,
    float RowSpacingMm,
    float ColumnSpacingMm,
    Vector3 RowDirection,
    Vector3 ColumnDirection,
    Vector3 Position,
    float[] Pixels);
