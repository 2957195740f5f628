namespace Airadcr.Dicom.Imaging;

/// <summary>The Image Pixel module does not describe the pixel data it comes with (a frame too large to decode, data
/// shorter than the module says, a layout we cannot read): nothing is decoded. Its message says what, never a value of
/// the data set beyond the module's numbers.</summary>
public sealed class DicomPixelModuleException(string message) : Exception(message);
