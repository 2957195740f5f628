namespace Airadcr.Dicom;

/// <summary>A value that is absent, of an unexpected VR, or malformed for the requested type.</summary>
public sealed class DicomValueException(DicomTag tag, string message) : Exception($"{tag} {Describe(tag)}: {message}")
{
    public DicomTag Tag { get; } = tag;

    private static string Describe(DicomTag tag) =>
        Dictionary.DicomDictionary.TryLookup(tag, out var e) && e.Keyword.Length > 0 ? e.Keyword : "";
}
