namespace Airadcr.Dicom;

/// <summary>Malformed DICOM encoding (bad length, truncation, nesting too deep, ...) at a byte offset.</summary>
public sealed class DicomFormatException : Exception
{
    public DicomFormatException(string message, long offset)
        : base($"{message} (at byte offset {offset})") => Offset = offset;

    public DicomFormatException(string message, long offset, Exception inner)
        : base($"{message} (at byte offset {offset})", inner) => Offset = offset;

    /// <summary>Offset in the (decompressed) input where the problem was found.</summary>
    public long Offset { get; }
}
