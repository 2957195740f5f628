namespace Airadcr.Dicom.Deidentification;

/// <summary>
/// One replacement made while de-identifying: <paramref name="Kind"/> is "PatientID", "PatientName",
/// "AccessionNumber", "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "FrameOfReferenceUID" or "UID" (any
/// other remapped UID). Holds the original identifier: keep it where the project's re-identification mapping lives.
/// </summary>
public sealed record Pseudonym(string Kind, string Original, string Replacement);
