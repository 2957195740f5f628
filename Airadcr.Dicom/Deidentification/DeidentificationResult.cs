using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Deidentification;

/// <summary>The de-identified file (its values may point into the input's buffers: keep the input open while
/// writing it) and the pseudonyms given, each original once.</summary>
public sealed record DeidentificationResult(DicomFile File, IReadOnlyList<Pseudonym> Pseudonyms);
