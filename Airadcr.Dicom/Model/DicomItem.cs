namespace Airadcr.Dicom;

/// <summary>An entry of a dataset: an element, a sequence or an encapsulated fragment sequence.</summary>
public abstract class DicomItem(DicomTag tag, DicomVR vr)
{
    public DicomTag Tag { get; } = tag;

    public DicomVR VR { get; } = vr;

    public override string ToString() => $"{Tag} {VR.Code()}";
}
