using System.Buffers.Binary;
using Airadcr.Dicom;
using Airadcr.Inference.Engine.Imaging;

namespace Airadcr.Inference.Engine.Dicom;

/// <summary>
/// Frames of native (uncompressed) monochrome Pixel Data as modality values: stored values (Bits Stored, Pixel
/// Representation) through Rescale Slope/Intercept, MONOCHROME1 inverted so that higher is always brighter.
/// Interim adapter until Airadcr.Dicom publishes its pixel-data API (frames -> float buffers): swap this class for it.
/// </summary>
internal static class NativePixelFrames
{
    public static IReadOnlyList<float[]> Read(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        var samples = dataset.GetValueOrDefault(DicomTag.SamplesPerPixel, 1);
        var photometric = dataset.GetStringOrDefault(DicomTag.PhotometricInterpretation, "MONOCHROME2")!;
        if (samples != 1 || photometric is not ("MONOCHROME1" or "MONOCHROME2"))
        {
            throw new ImageDecodeException($"{photometric} with {samples} sample(s) per pixel is not supported (monochrome only)");
        }

        if (!dataset.TryGetElement(DicomTag.PixelData, out var pixels))
        {
            throw new ImageDecodeException(
                $"encapsulated pixel data ({syntax.Name}) is not decodable here yet; send native (uncompressed) pixel data");
        }

        var rows = dataset.GetValue<int>(DicomTag.Rows);
        var columns = dataset.GetValue<int>(DicomTag.Columns);
        var bitsAllocated = dataset.GetValue<int>(DicomTag.BitsAllocated);
        var bitsStored = dataset.GetValueOrDefault(DicomTag.BitsStored, bitsAllocated);
        var signed = dataset.GetValueOrDefault(DicomTag.PixelRepresentation, 0) == 1;
        var frames = Math.Max(1, dataset.GetValueOrDefault(DicomTag.NumberOfFrames, 1));
        var slope = dataset.GetValueOrDefault(DicomTag.RescaleSlope, 1.0);
        var intercept = dataset.GetValueOrDefault(DicomTag.RescaleIntercept, 0.0);
        if (bitsAllocated is not (8 or 16 or 32) || bitsStored < 1 || bitsStored > bitsAllocated)
        {
            throw new ImageDecodeException($"Bits Allocated {bitsAllocated} / Bits Stored {bitsStored} is not supported");
        }

        var bytesPerFrame = (long)rows * columns * (bitsAllocated / 8);
        if (pixels.Data.Length < bytesPerFrame * frames)
        {
            throw new ImageDecodeException(
                $"Pixel Data holds {pixels.Data.Length} bytes, {frames} frame(s) of {rows}x{columns}x{bitsAllocated} bits need {bytesPerFrame * frames}");
        }

        var invert = photometric == "MONOCHROME1";
        var storedMax = signed ? (1L << (bitsStored - 1)) - 1 : (1L << bitsStored) - 1;
        var storedMin = signed ? -(1L << (bitsStored - 1)) : 0;
        var (low, high) = ((storedMin * slope) + intercept, (storedMax * slope) + intercept);
        var result = new float[frames][];
        for (var f = 0; f < frames; f++)
        {
            var frame = pixels.Data.Span.Slice((int)(f * bytesPerFrame), (int)bytesPerFrame);
            var values = new float[rows * columns];
            for (var i = 0; i < values.Length; i++)
            {
                var stored = Stored(frame, i, bitsAllocated, bitsStored, signed, pixels.IsBigEndian);
                var modality = (stored * slope) + intercept;
                values[i] = (float)(invert ? low + high - modality : modality);
            }

            result[f] = values;
        }

        return result;
    }

    private static long Stored(ReadOnlySpan<byte> frame, int index, int bitsAllocated, int bitsStored, bool signed, bool bigEndian)
    {
        ulong raw = bitsAllocated switch
        {
            8 => frame[index],
            16 => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(frame[(index * 2)..]) : BinaryPrimitives.ReadUInt16LittleEndian(frame[(index * 2)..]),
            _ => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(frame[(index * 4)..]) : BinaryPrimitives.ReadUInt32LittleEndian(frame[(index * 4)..]),
        };
        var mask = bitsStored == 64 ? ulong.MaxValue : (1UL << bitsStored) - 1;
        var value = (long)(raw & mask);
        return signed && (value & (1L << (bitsStored - 1))) != 0 ? value - (1L << bitsStored) : value;
    }
}
