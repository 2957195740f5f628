using Airadcr.Dicom.Cli;
using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests;

/// <summary>
/// The Image Pixel module is checked against the pixel data's length before any frame is decoded (issue 20, item 3:
/// a frame past 2^31 bytes and 1-bit data made <see cref="DicomPixelData"/> throw ArgumentOutOfRangeException, and
/// `airadcr-dicom pixels` died with exit code 134). A clear error instead, and exit code 1.
/// </summary>
public sealed class PixelModuleValidationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airadcr-pixel-module-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A Secondary Capture instance with the given module and pixel data bytes.</summary>
    public static DicomDataset Image(int rows, int columns, int bitsAllocated, int pixelBytes, int pixelRepresentation = 0) =>
        new DicomDataset()
            .Add(DicomTag.SOPClassUID, DicomUids.SecondaryCaptureImageStorage)
            .Add(DicomTag.SOPInstanceUID, DicomUidGenerator.New())
            .Add(DicomTag.Rows, DicomVR.US, (ushort)rows).Add(DicomTag.Columns, DicomVR.US, (ushort)columns)
            .Add(DicomTag.SamplesPerPixel, DicomVR.US, (ushort)1)
            .Add(DicomTag.BitsAllocated, DicomVR.US, (ushort)bitsAllocated).Add(DicomTag.BitsStored, DicomVR.US, (ushort)bitsAllocated)
            .Add(DicomTag.HighBit, DicomVR.US, (ushort)(bitsAllocated - 1))
            .Add(DicomTag.PixelRepresentation, DicomVR.US, (ushort)pixelRepresentation)
            .Add(DicomTag.PhotometricInterpretation, "MONOCHROME2")
            .AddOrUpdate(new DicomElement(DicomTag.PixelData, bitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, new byte[pixelBytes]));

    public static TheoryData<string, int, int, int, int, int> Malformed => new()
    {
        { "a frame of 65535 x 65535 x 2 bytes (past 2^31)", 65535, 65535, 16, 16, 0 },
        { "1-bit data shorter than Rows x Columns bits", 64, 64, 1, 8, 0 },
        { "signed 1-bit data", 64, 64, 1, 512, 1 },
        { "16-bit data shorter than one frame", 512, 512, 16, 1024, 0 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Pixels_answers_a_message_and_exit_code_1(string _, int rows, int columns, int bits, int pixelBytes, int pixelRepresentation)
    {
        var path = Path.Combine(_dir, "image.dcm");
        new DicomFile(Image(rows, columns, bits, pixelBytes, pixelRepresentation)).Save(path);
        var stderr = new StringWriter();

        var code = CliApp.Run(["pixels", path, "--png", Path.Combine(_dir, "out.png")], new StringWriter(), stderr);

        Assert.Equal(CliApp.InvalidInput, code);
        Assert.StartsWith("airadcr-dicom: ", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "out.png")));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void The_pixel_data_refuses_the_module_before_decoding_a_frame(string _, int rows, int columns, int bits, int pixelBytes, int pixelRepresentation)
    {
        var dataset = Image(rows, columns, bits, pixelBytes, pixelRepresentation);

        Assert.Throws<DicomPixelModuleException>(() => new DicomPixelData(dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
    }
}
