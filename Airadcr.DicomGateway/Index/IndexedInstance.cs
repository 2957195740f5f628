namespace Airadcr.DicomGateway.Index;

/// <summary>What the index records of a stored instance (identifiers and where its file is).</summary>
public sealed record IndexedInstance(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopInstanceUid,
    string SopClassUid,
    string TransferSyntaxUid,
    int? InstanceNumber,
    string Path,
    long SizeBytes,
    string CallingAe,
    DateTimeOffset ReceivedAt,
    string? PatientId,
    string? PatientName,
    string? PatientBirthDate,
    string? PatientSex,
    string? AccessionNumber,
    string? StudyDate,
    string? StudyDescription,
    string? Modality,
    int? SeriesNumber,
    string? SeriesDescription);

/// <summary>A study as the admin API lists it.</summary>
public sealed record StudySummary(
    string StudyInstanceUid,
    string State,
    string? AccessionNumber,
    string? StudyDate,
    string? Description,
    int SeriesCount,
    int InstanceCount,
    DateTimeOffset LastReceivedAt,
    DateTimeOffset? CompletedAt);

/// <summary>An instance as the admin API lists it (no patient data).</summary>
public sealed record InstanceSummary(string SeriesInstanceUid, string SopInstanceUid, string SopClassUid,
    string TransferSyntaxUid, int? InstanceNumber, long SizeBytes);

/// <summary>A series as the API lists it.</summary>
public sealed record SeriesSummary(string SeriesInstanceUid, string? Modality, int? SeriesNumber, string? Description, int InstanceCount);
