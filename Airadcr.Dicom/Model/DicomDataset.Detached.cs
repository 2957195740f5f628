namespace Airadcr.Dicom;

public sealed partial class DicomDataset
{
    /// <summary>
    /// A copy of the top-level elements (sequences left out) whose values no longer point into the source buffer or
    /// memory-mapped file: it outlives the <see cref="IO.DicomFile"/> it was read from (a header kept in memory).
    /// </summary>
    public DicomDataset DetachedElements() =>
        new(this.OfType<DicomElement>().Select(e => new DicomElement(e.Tag, e.VR, e.Data.ToArray(), e.IsBigEndian)));
}
