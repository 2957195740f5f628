namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>What a comparison or a sync covers: one study, one patient's studies, or every study of the source.</summary>
public sealed record SyncScope(SyncScopeKind Kind, string? Value)
{
    public static SyncScope Study(string studyInstanceUid) => new(SyncScopeKind.Study, studyInstanceUid);

    public static SyncScope Patient(string patientId) => new(SyncScopeKind.Patient, patientId);

    public static readonly SyncScope Everything = new(SyncScopeKind.Everything, null);
}

public enum SyncScopeKind
{
    Study,
    Patient,
    Everything,
}

/// <summary>The key attributes compared between archives (empty when the archive did not return one).</summary>
public sealed record StudyAttributes(string PatientId, string PatientName, string BirthDate, string Sex, string StudyDate,
    string StudyTime, string AccessionNumber)
{
    /// <summary>The person the Patient ID stands for in this archive (name compared without case or trailing carets).</summary>
    public (string Name, string BirthDate, string Sex) Person => (PatientName.TrimEnd('^', ' ').ToUpperInvariant(), BirthDate, Sex.ToUpperInvariant());

    /// <summary>Study Date and Time as one sortable text (newest-wins compares it).</summary>
    public string When => StudyDate + StudyTime.PadRight(6, '0');
}

/// <summary>A study as one archive holds it.</summary>
public sealed record ArchivedStudy(string StudyInstanceUid, StudyAttributes Attributes, IReadOnlyList<ArchivedSeries> Series)
{
    public int InstanceCount => Series.Sum(s => s.SopInstanceUids.Count);
}

public sealed record ArchivedSeries(string SeriesInstanceUid, string Modality, IReadOnlyList<string> SopInstanceUids);

/// <summary>
/// One archive's answer for a scope: its studies down to the instances, and (<see cref="PatientStudies"/>) every
/// study it holds under the Patient IDs of those studies, for the patient collision check. <see cref="Failure"/>
/// says why the archive could not answer (then the lists are empty).
/// </summary>
public sealed record ArchiveCensus(SyncArchive Archive, IReadOnlyList<ArchivedStudy> Studies, IReadOnlyList<ArchivedStudy> PatientStudies,
    string? Failure)
{
    public static ArchiveCensus Failed(SyncArchive archive, string reason) => new(archive, [], [], reason);

    public bool Succeeded => Failure is null;
}
