using System.Globalization;
using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Cli;

/// <summary>`pixels FILE --png OUT [--frame N]`: an 8-bit rendering with the default window.</summary>
internal static class PixelsCommand
{
    public static int Run(string[] args, TextWriter stderr)
    {
        var a = new CliArguments(args, "--png", "--frame");
        a.ExpectPositional(1);
        var output = a.RequiredOption("--png");
        var frameText = a.Option("--frame") ?? "0";
        if (!int.TryParse(frameText, NumberStyles.None, CultureInfo.InvariantCulture, out var frame))
        {
            throw new CliUsageException($"--frame must be a frame number, not '{frameText}'");
        }

        using var file = DicomFile.Open(a.Positional(0, "FILE"));
        var pixels = new DicomPixelData(file.Dataset, file.TransferSyntax);
        if (frame >= pixels.FrameCount)
        {
            stderr.WriteLine($"airadcr-dicom: frame {frame} requested, the image has {pixels.FrameCount}");
            return CliApp.InvalidInput;
        }

        using var png = new MemoryStream();
        PngWriter.Write(png, DicomRenderer.Render(pixels, frame));
        File.WriteAllBytes(output, png.ToArray());
        return CliApp.Ok;
    }
}
