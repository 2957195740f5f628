using Airadcr.Dicom;
using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.IO;

namespace Airadcr.Fuzzing.Targets;

/// <summary>A Part 10 file's pixel data decoded (native, RLE, JPEG, JPEG-LS, JPEG 2000 through DicomCodecs) and rendered to PNG, frame by frame (the first few):
/// the path of the CLI's `pixels`, the gateway's thumbnails and key images, and inference input.</summary>
internal sealed class PixelDataTarget : DatasetTarget
{
    private const int MaxFrames = 4;

    public override string Name => "pixels";

    protected override void Exercise(byte[] input)
    {
        using var file = DicomFile.Read(input, ReadOptions);
        if (!file.Dataset.Contains(DicomTag.PixelData))
        {
            return;
        }

        var pixels = new DicomPixelData(file.Dataset, file.TransferSyntax);
        for (var frame = 0; frame < Math.Min(pixels.FrameCount, MaxFrames); frame++)
        {
            PngWriter.Write(Stream.Null, DicomRenderer.Render(pixels, frame));
        }
    }

    /// <summary>Malformed encoding or values; a compressed syntax this decoder does not handle; an Image Pixel module
    /// that does not describe its data (issue 20 item 3).</summary>
    protected override bool IsRejection(Exception e) =>
        base.IsRejection(e) || e is NotSupportedException || e is DicomPixelModuleException;
}
