namespace Airadcr.Dicom.Deidentification;

/// <summary>An instance the profile cannot make safe, such as an image that may carry burned-in identifiers and that
/// no <see cref="CleanPixelRule"/> covers. The message names the reason, never a value of the data set.</summary>
public sealed class DeidentificationRefusedException(string message) : Exception(message);
