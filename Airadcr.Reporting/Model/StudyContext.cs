namespace Airadcr.Reporting.Model;

/// <summary>What a report says about the patient and the study it belongs to (from the source images' headers).</summary>
public sealed record StudyContext
{
    public required string StudyInstanceUid { get; init; }
    public string? PatientName { get; init; }
    public string? PatientId { get; init; }
    public DateOnly? PatientBirthDate { get; init; }
    /// <summary>DICOM Patient's Sex: M, F or O.</summary>
    public string? PatientSex { get; init; }
    public string? AccessionNumber { get; init; }
    public DateOnly? StudyDate { get; init; }
    public TimeOnly? StudyTime { get; init; }
    public string? StudyDescription { get; init; }
    public string? StudyId { get; init; }
    public string? Modality { get; init; }
    public string? InstitutionName { get; init; }
    public string? ReferringPhysicianName { get; init; }
}
