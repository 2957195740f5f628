namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>
/// The comparison of archives for a scope: per archive its status and counts; per study its counts in each archive,
/// the archives missing it (whole or in part), and the key attributes that differ; per Patient ID whether it stands
/// for different people in different archives (<see cref="Collisions"/>).
/// </summary>
public sealed record ArchiveComparison(
    string Scope,
    string? Value,
    IReadOnlyList<ArchiveSummary> Archives,
    IReadOnlyList<StudyComparison> Studies,
    IReadOnlyList<PatientCollision> Collisions)
{
    /// <summary>True when any Patient ID of the scope stands for different people (name, birth date or sex) across archives.</summary>
    public bool Collision => Collisions.Count > 0;
}

/// <summary>One archive's answer: <c>ok</c> with its counts, or <c>failed</c> with the reason.</summary>
public sealed record ArchiveSummary(string ArchiveId, string Status, string? Error, int Studies, int Series, int Instances);

/// <summary>
/// A study across archives: <see cref="Counts"/> per archive that holds it; <see cref="MissingIn"/>: archives (that
/// answered) lacking the study or some of its instances; <see cref="Differences"/>: key attributes with their values
/// per archive.
/// </summary>
public sealed record StudyComparison(
    string StudyInstanceUid,
    IReadOnlyDictionary<string, StudyCounts> Counts,
    IReadOnlyList<string> MissingIn,
    IReadOnlyList<AttributeDifference> Differences,
    IReadOnlyList<SeriesComparison> Series);

public sealed record StudyCounts(int Series, int Instances, int MissingInstances);

/// <summary>A series's instance count per archive and the archives lacking some of its instances.</summary>
public sealed record SeriesComparison(string SeriesInstanceUid, IReadOnlyDictionary<string, int> Instances, IReadOnlyList<string> MissingIn);

public sealed record AttributeDifference(string Attribute, IReadOnlyDictionary<string, string> Values);

/// <summary>The same Patient ID naming different people: each distinct (name, birth date, sex) and the archive holding it.</summary>
public sealed record PatientCollision(string PatientId, IReadOnlyList<PersonSeen> People);

public sealed record PersonSeen(string ArchiveId, string PatientName, string BirthDate, string Sex);
