namespace Airadcr.Dicom.Imaging;

/// <summary>The Image Pixel module attributes that describe how pixel data is laid out (PS3.3 C.7.6.3), plus the
/// modality LUT (rescale) and the first VOI window.</summary>
public sealed record DicomImageInfo(
    int Rows, int Columns, int SamplesPerPixel, int BitsAllocated, int BitsStored, int HighBit, bool IsSigned,
    string Photometric, int PlanarConfiguration, int NumberOfFrames, double RescaleSlope, double RescaleIntercept,
    double? WindowCenter, double? WindowWidth)
{
    /// <summary>Bytes per sample once decoded (1-bit data is unpacked to one byte per sample).</summary>
    public int BytesPerSample => Math.Max(1, BitsAllocated / 8);

    public int SamplesPerFrame => Rows * Columns * SamplesPerPixel;

    public int FrameLength => SamplesPerFrame * BytesPerSample;

    public bool IsMonochrome => Photometric is "MONOCHROME1" or "MONOCHROME2";

    public static DicomImageInfo FromDataset(DicomDataset ds)
    {
        var bitsAllocated = ds.GetValue<int>(DicomTag.BitsAllocated);
        if (bitsAllocated is not (1 or 8 or 16 or 32))
        {
            throw new DicomValueException(DicomTag.BitsAllocated, $"{bitsAllocated} bits allocated is not supported (1, 8, 16 or 32)");
        }

        var bitsStored = ds.GetValueOrDefault(DicomTag.BitsStored, bitsAllocated);
        if (bitsStored < 1 || bitsStored > bitsAllocated)
        {
            throw new DicomValueException(DicomTag.BitsStored, $"{bitsStored} bits stored with {bitsAllocated} allocated");
        }

        var rows = ds.GetValue<int>(DicomTag.Rows);
        var columns = ds.GetValue<int>(DicomTag.Columns);
        var samples = ds.GetValueOrDefault(DicomTag.SamplesPerPixel, 1);
        if (rows <= 0 || columns <= 0 || samples is not (1 or 3))
        {
            throw new DicomValueException(DicomTag.Rows, $"unsupported geometry {rows}x{columns} with {samples} samples per pixel");
        }

        var frames = ds.TryGetElement(DicomTag.NumberOfFrames, out var nf) && nf.Count > 0 ? nf.GetValue<int>() : 1;
        return new DicomImageInfo(
            rows, columns, samples, bitsAllocated, bitsStored,
            ds.GetValueOrDefault(DicomTag.HighBit, bitsStored - 1),
            ds.GetValueOrDefault(DicomTag.PixelRepresentation, 0) == 1,
            ds.GetStringOrDefault(DicomTag.PhotometricInterpretation, samples == 1 ? "MONOCHROME2" : "RGB")!,
            ds.GetValueOrDefault(DicomTag.PlanarConfiguration, 0),
            Math.Max(1, frames),
            ds.GetValueOrDefault(DicomTag.RescaleSlope, 1.0),
            ds.GetValueOrDefault(DicomTag.RescaleIntercept, 0.0),
            ds.TryGetElement(DicomTag.WindowCenter, out var wc) && wc.Count > 0 ? wc.GetValue<double>() : null,
            ds.TryGetElement(DicomTag.WindowWidth, out var ww) && ww.Count > 0 ? ww.GetValue<double>() : null);
    }
}
