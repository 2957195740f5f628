namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>Builds an <see cref="ArchiveComparison"/> from the archives' censuses (pure: no I/O).</summary>
public static class ArchiveComparer
{
    private static readonly (string Name, Func<StudyAttributes, string> Value)[] KeyAttributes =
    [
        ("PatientID", a => a.PatientId),
        ("PatientName", a => a.PatientName),
        ("PatientBirthDate", a => a.BirthDate),
        ("PatientSex", a => a.Sex),
        ("StudyDate", a => a.StudyDate),
        ("AccessionNumber", a => a.AccessionNumber),
    ];

    public static ArchiveComparison Compare(SyncScope scope, IReadOnlyList<ArchiveCensus> censuses)
    {
        var answered = censuses.Where(c => c.Succeeded).ToList();
        var summaries = censuses.Select(c => new ArchiveSummary(c.Archive.Id, c.Succeeded ? "ok" : "failed", c.Failure,
            c.Studies.Count, c.Studies.Sum(s => s.Series.Count), c.Studies.Sum(s => s.InstanceCount))).ToList();
        var studies = answered.SelectMany(c => c.Studies.Select(s => (c.Archive.Id, Study: s)))
            .GroupBy(x => x.Study.StudyInstanceUid, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => CompareStudy(g.Key, g.ToDictionary(x => x.Id, x => x.Study), answered))
            .ToList();
        return new ArchiveComparison(scope.Kind.ToString().ToLowerInvariant(), scope.Value, summaries, studies, Collisions(answered));
    }

    /// <summary>Patient IDs standing for more than one person (name, birth date, sex; an empty value is unknown, not different).</summary>
    public static IReadOnlyList<PatientCollision> Collisions(IReadOnlyList<ArchiveCensus> censuses) =>
        [.. censuses.SelectMany(c => c.PatientStudies.Select(s => (c.Archive.Id, s.Attributes)))
            .Where(x => x.Attributes.PatientId.Length > 0)
            .GroupBy(x => x.Attributes.PatientId, StringComparer.Ordinal)
            .Where(g => DifferentPeople(g.Select(x => x.Attributes)))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PatientCollision(g.Key, [.. g.Select(x => new PersonSeen(x.Id, x.Attributes.PatientName, x.Attributes.BirthDate, x.Attributes.Sex))
                .Distinct()]))];

    /// <summary>Whether these attributes (of one Patient ID) describe more than one person.</summary>
    public static bool DifferentPeople(IEnumerable<StudyAttributes> attributes)
    {
        var people = attributes.Select(a => a.Person).ToList();
        return Differs(people.Select(p => p.Name)) || Differs(people.Select(p => p.BirthDate)) || Differs(people.Select(p => p.Sex));
    }

    /// <summary>The key attributes whose values differ between the archives holding the study.</summary>
    public static IReadOnlyList<AttributeDifference> Differences(IReadOnlyDictionary<string, ArchivedStudy> holders) =>
        [.. KeyAttributes.Where(k => holders.Values.Select(s => k.Value(s.Attributes)).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(k => new AttributeDifference(k.Name, holders.ToDictionary(h => h.Key, h => k.Value(h.Value.Attributes))))];

    private static bool Differs(IEnumerable<string> values) => values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Count() > 1;

    private static StudyComparison CompareStudy(string studyUid, Dictionary<string, ArchivedStudy> holders, IReadOnlyList<ArchiveCensus> answered)
    {
        var allInstances = holders.Values.SelectMany(s => s.Series.SelectMany(x => x.SopInstanceUids)).ToHashSet(StringComparer.Ordinal);
        var counts = holders.ToDictionary(h => h.Key, h => new StudyCounts(h.Value.Series.Count, h.Value.InstanceCount,
            allInstances.Count - h.Value.InstanceCount));
        var missingIn = answered.Select(c => c.Archive.Id)
            .Where(id => !holders.TryGetValue(id, out var study) || study.InstanceCount < allInstances.Count).ToList();
        var series = holders.SelectMany(h => h.Value.Series.Select(s => (h.Key, Series: s)))
            .GroupBy(x => x.Series.SeriesInstanceUid, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var union = g.SelectMany(x => x.Series.SopInstanceUids).Distinct(StringComparer.Ordinal).Count();
                var perArchive = g.ToDictionary(x => x.Key, x => x.Series.SopInstanceUids.Count);
                return new SeriesComparison(g.Key, perArchive,
                    [.. answered.Select(c => c.Archive.Id).Where(id => perArchive.GetValueOrDefault(id) < union)]);
            }).ToList();
        return new StudyComparison(studyUid, counts, missingIn, Differences(holders), series);
    }
}
