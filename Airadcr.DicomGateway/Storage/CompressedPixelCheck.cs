using Airadcr.Dicom;
using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.IO;

namespace Airadcr.DicomGateway.Storage;

/// <summary>Before a compressed instance is acknowledged: its encapsulated pixel data must locate every frame the
/// Image Pixel module declares and its first frame must decode, so that a corrupt or truncated codestream gets a
/// failure status on the wire instead of an analysis that fails later. Bounded by the module's frame size.</summary>
internal static class CompressedPixelCheck
{
    /// <summary>Null when the pixel data decodes, else why not (no data set value in it).</summary>
    public static string? Problem(string path, DicomTransferSyntax syntax)
    {
        if (!syntax.IsEncapsulated)
        {
            return null;
        }

        try
        {
            using var file = DicomFile.Open(path);
            if (!file.Dataset.Contains(DicomTag.PixelData))
            {
                return null;
            }

            var pixels = new DicomPixelData(file.Dataset, file.TransferSyntax);
            _ = pixels.GetFrameBytes(0);
            return null;
        }
        catch (Exception e) when (e is DicomFormatException or DicomPixelModuleException or DicomValueException or NotSupportedException)
        {
            return e.Message;
        }
    }
}
