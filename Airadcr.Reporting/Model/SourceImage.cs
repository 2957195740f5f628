namespace Airadcr.Reporting.Model;

/// <summary>An instance of the source study that a report refers to (evidence, image library).</summary>
public sealed record SourceImage(string SeriesInstanceUid, string SopClassUid, string SopInstanceUid, string? Modality = null);
