using Airadcr.Dicom;
using Airadcr.Dicom.Imaging;
using Airadcr.Inference.Engine.Imaging;

namespace Airadcr.Inference.Engine.Dicom;

/// <summary>
/// The frames of a monochrome image as modality values (Airadcr.Dicom's pixel data through the modality LUT), with
/// MONOCHROME1 inverted so that a higher value is always brighter.
/// </summary>
internal static class MonochromeFrames
{
    public static IReadOnlyList<float[]> Read(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        var pixels = new DicomPixelData(dataset, syntax);
        var info = pixels.Info;
        if (!info.IsMonochrome || info.SamplesPerPixel != 1)
        {
            throw new ImageDecodeException($"{info.Photometric} with {info.SamplesPerPixel} sample(s) per pixel is not supported (monochrome only)");
        }

        var frames = Enumerable.Range(0, pixels.FrameCount).Select(f => pixels.GetFrameAsFloat(f)).ToList();
        if (info.Photometric == "MONOCHROME1")
        {
            var storedMax = info.IsSigned ? (1L << (info.BitsStored - 1)) - 1 : (1L << info.BitsStored) - 1;
            var storedMin = info.IsSigned ? -(1L << (info.BitsStored - 1)) : 0;
            var sum = (float)(((storedMin + storedMax) * info.RescaleSlope) + (2 * info.RescaleIntercept));
            foreach (var frame in frames)
            {
                for (var i = 0; i < frame.Length; i++)
                {
                    frame[i] = sum - frame[i];
                }
            }
        }

        return frames;
    }
}
