namespace Airadcr.DicomGateway.Analysis;

// The inference service's answer to POST /v1/analyses (its JSON contract; the services share no project).

/// <summary>The findings of every applicable model over a study.</summary>
public sealed record StudyFindings(
    string StudyInstanceUid,
    IReadOnlyList<ModelRunSummary> Runs,
    IReadOnlyList<AnalysisFinding> Findings,
    double ProcessingTimeMs);

public sealed record ModelRunSummary(string ModelId, string ModelVersion, string SeriesInstanceUid, string Modality,
    int Planes, int FindingCount, double ProcessingTimeMs);

public sealed record AnalysisFinding(string ModelId, string ModelVersion, FindingType Type, FindingLocation Location,
    FindingSize Size, double Confidence);

public sealed record FindingType(string Code, string Scheme, string Meaning);

public sealed record FindingLocation(string SeriesInstanceUid, string SopInstanceUid, int Frame, PixelPoint Pixel,
    PatientPoint Patient, PixelBox BoundingBox, int FirstPlane, int LastPlane);

public sealed record PixelPoint(double X, double Y);

public sealed record PatientPoint(double X, double Y, double Z);

public sealed record PixelBox(int X, int Y, int Width, int Height);

public sealed record FindingSize(double? DiameterMm, double? AreaMm2, double? VolumeMl);
