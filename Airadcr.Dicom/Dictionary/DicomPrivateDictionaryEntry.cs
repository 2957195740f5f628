namespace Airadcr.Dicom.Dictionary;

/// <summary>One entry of the private (vendor) dictionary: the VR, VM and keyword a private creator gives an element
/// of its block. <see cref="Element"/> 0x00-0xFF is an offset in whichever block (gggg,xx00-xxFF) the creator
/// reserves; a larger value is one fixed element number. <see cref="GroupParity"/> restricts a group range
/// (<see cref="Group"/>-<see cref="UpperGroup"/>): 0 even groups, 1 odd, 2 any.</summary>
public sealed record DicomPrivateDictionaryEntry(
    string Creator, ushort Group, ushort UpperGroup, int GroupParity, ushort Element, DicomVR VR, string VM, string Keyword)
{
    /// <summary>True when <paramref name="group"/> is the entry's group or lies in its group range.</summary>
    internal bool MatchesGroup(ushort group) =>
        group >= Group && group <= UpperGroup && (GroupParity == 2 || (group & 1) == GroupParity);

    /// <summary>The dictionary entry for <paramref name="tag"/>, a data element this entry describes.</summary>
    public DicomDictionaryEntry ToDictionaryEntry(DicomTag tag) => new(tag, VR, DicomVR.None, VM, Keyword, Keyword, false);
}
