namespace Airadcr.Dicom.Dictionary;

/// <summary>One data dictionary entry (PS3.6). <see cref="VR"/> is the VR used to read implicit VR data;
/// <see cref="AlternateVR"/> is the other allowed VR for "US or SS" / "OB or OW" style entries.</summary>
public sealed record DicomDictionaryEntry(
    DicomTag Tag, DicomVR VR, DicomVR AlternateVR, string VM, string Keyword, string Name, bool IsRetired)
{
    /// <summary>Entry for tags the dictionary does not know.</summary>
    public static DicomDictionaryEntry Unknown(DicomTag tag) =>
        new(tag, DicomVR.UN, DicomVR.None, "1", "", tag.IsPrivate ? "Private Tag" : "Unknown Tag", false);

    /// <summary>True when the VM of the entry allows <paramref name="count"/> values.</summary>
    public bool AllowsMultiplicity(int count) => DicomMultiplicity.Allows(VM, count);
}
