namespace Airadcr.Dicom.Imaging;

/// <summary>Checks an Image Pixel module against the pixel data it comes with, before anything is decoded: every
/// frame must fit in one array (under 2 GiB once decoded) and native data must hold every frame the module describes.</summary>
internal static class PixelModuleCheck
{
    public static void Validate(DicomImageInfo info, DicomItem pixels)
    {
        var samplesPerFrame = (long)info.Rows * info.Columns * info.SamplesPerPixel;
        var decodedFrame = samplesPerFrame * info.BytesPerSample;
        if (decodedFrame > Array.MaxLength)
        {
            throw new DicomPixelModuleException(
                $"a frame of {info.Rows} x {info.Columns} x {info.SamplesPerPixel} sample(s) x {info.BytesPerSample} byte(s) = {decodedFrame} bytes is larger than the {Array.MaxLength} bytes one frame may take");
        }

        if (info.BitsAllocated == 1 && info.IsSigned)
        {
            throw new DicomPixelModuleException("1-bit pixel data must be unsigned (Pixel Representation 0)");
        }

        if (pixels is not DicomElement element)
        {
            return; // encapsulated: each frame's length is known once decoded, within the bound above
        }

        var needed = info.BitsAllocated == 1
            ? (info.NumberOfFrames * samplesPerFrame + 7) / 8
            : info.NumberOfFrames * decodedFrame;
        if (element.Length < needed)
        {
            throw new DicomPixelModuleException(
                $"pixel data of {element.Length} bytes is shorter than the {needed} bytes the Image Pixel module describes ({info.NumberOfFrames} frame(s) of {info.Rows} x {info.Columns} x {info.SamplesPerPixel} sample(s), {info.BitsAllocated} bits allocated)");
        }
    }
}
