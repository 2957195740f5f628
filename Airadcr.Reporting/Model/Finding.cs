namespace Airadcr.Reporting.Model;

/// <summary>One structured finding produced by an analysis model.</summary>
public sealed record Finding
{
    /// <summary>Stable per-study number shown in tables and image overlays (1, 2, ...).</summary>
    public required int Number { get; init; }
    /// <summary>Unique tracking identifier (TID 1410 Tracking Unique Identifier).</summary>
    public required string TrackingUid { get; init; }
    /// <summary>What was found, e.g. (SCT 27925004 "Nodule").</summary>
    public required CodedConcept Type { get; init; }
    /// <summary>Where, e.g. (SCT 39607008 "Lung"); null when the model does not say.</summary>
    public CodedConcept? Site { get; init; }
    /// <summary>Human-readable location (e.g. "right lower lobe, slice 42").</summary>
    public string? LocationText { get; init; }
    public required ImageRegion Region { get; init; }
    public IReadOnlyList<Measurement> Measurements { get; init; } = [];
    /// <summary>Model confidence in [0, 1].</summary>
    public required double Confidence { get; init; }
    public required AlgorithmIdentity Algorithm { get; init; }
}

/// <summary>Where a finding is on a source image, in pixel coordinates (column, row) of one frame.</summary>
public sealed record ImageRegion
{
    public required string SopClassUid { get; init; }
    public required string SopInstanceUid { get; init; }
    /// <summary>The image's series, when known (a viewer opens on it).</summary>
    public string? SeriesInstanceUid { get; init; }
    /// <summary>1-based frame number for multi-frame images; null for single-frame.</summary>
    public int? Frame { get; init; }
    public required double CenterColumn { get; init; }
    public required double CenterRow { get; init; }
    /// <summary>Bounding box: left column, top row, width and height in pixels.</summary>
    public required double Left { get; init; }
    public required double Top { get; init; }
    public required double Width { get; init; }
    public required double Height { get; init; }
    /// <summary>Patient coordinates (mm, DICOM patient coordinate system) of the centre, when known.</summary>
    public (double X, double Y, double Z)? PatientPosition { get; init; }
    /// <summary>Frame of Reference UID of <see cref="PatientPosition"/>.</summary>
    public string? FrameOfReferenceUid { get; init; }
}

/// <summary>A numeric measurement with a UCUM unit, e.g. diameter 6.2 mm.</summary>
public sealed record Measurement(CodedConcept Concept, double Value, CodedConcept Unit);

/// <summary>The model that produced a finding (TID 4019 Algorithm Identification).</summary>
public sealed record AlgorithmIdentity(string Name, string Version);
