namespace Airadcr.DicomGateway.Archives;

/// <summary>Merges the archives' answers by Study Instance UID (attributes from the first archive in preference order).</summary>
public static class StudyMerge
{
    /// <summary>Primary archives first, then secondary, then research; by name within a role.</summary>
    public static IReadOnlyList<ArchiveDefinition> InPreferenceOrder(IEnumerable<ArchiveDefinition> archives) =>
        [.. archives.OrderBy(archive => archive.Role).ThenBy(archive => archive.Name, StringComparer.Ordinal)];

    /// <summary>Every distinct study, newest study date first (then by UID), with presence and conflicts per archive.</summary>
    public static IReadOnlyList<FederatedStudy> Merge(IReadOnlyList<ArchiveAnswer> answers)
    {
        var byUid = new Dictionary<string, List<(ArchiveAnswer Answer, ArchiveStudy Study)>>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            foreach (var study in answer.Studies.DistinctBy(study => study.StudyInstanceUid))
            {
                if (!byUid.TryGetValue(study.StudyInstanceUid, out var copies))
                {
                    byUid[study.StudyInstanceUid] = copies = [];
                }
                copies.Add((answer, study));
            }
        }
        return [.. byUid.Values.Select(copies => Merged(copies, answers))
            .OrderByDescending(study => study.Attributes.StudyDate ?? "", StringComparer.Ordinal).ThenBy(study => study.StudyInstanceUid, StringComparer.Ordinal)];
    }

    private static FederatedStudy Merged(List<(ArchiveAnswer Answer, ArchiveStudy Study)> copies, IReadOnlyList<ArchiveAnswer> answers)
    {
        var first = copies[0].Study;
        var presence = answers.ToDictionary(answer => answer.Archive.Id, answer =>
            copies.Any(copy => copy.Answer == answer) ? true : answer.Outcome.Status == ArchiveSearchStatus.Ok && !answer.Outcome.Partial ? false : (bool?)null);
        var conflicts = Fields.Where(field => copies.Select(copy => field.Value(copy.Study)).OfType<string>().Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(field => field.Name).ToList();
        return new FederatedStudy(first, presence, conflicts);
    }

    /// <summary>The attributes compared across archives (modalities as a set: archives list them in different orders).</summary>
    private static readonly (string Name, Func<ArchiveStudy, string?> Value)[] Fields =
    [
        ("patientName", study => study.PatientName),
        ("patientId", study => study.PatientId),
        ("accessionNumber", study => study.AccessionNumber),
        ("studyDate", study => study.StudyDate),
        ("studyDescription", study => study.StudyDescription),
        ("modalitiesInStudy", study => study.ModalitiesInStudy is { } modalities
            ? string.Join('\\', modalities.Split('\\').Select(m => m.Trim()).Where(m => m.Length > 0).Order(StringComparer.Ordinal))
            : null),
    ];
}
