namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>
/// What a job copies: each instance the source holds in the scope and the destination lacks. A study is in
/// <b>conflict</b> when the destination already holds it with different key attributes (Patient ID, name, birth date,
/// sex, Study Date, Accession Number), or when the destination holds studies under the same Patient ID for a different
/// person (name, birth date or sex: a patient collision). The strategy decides a conflicting study's missing
/// instances: <see cref="ConflictStrategy.Skip"/> skips them; <see cref="ConflictStrategy.SourceOfTruth"/> copies them
/// when the job's source is the source of truth, skips them otherwise; <see cref="ConflictStrategy.Newest"/> copies
/// them when the source's study is newer (Study Date and Time) than every conflicting study of the destination. An
/// instance the destination already holds is never sent again (DIMSE cannot update an archive's copy).
/// </summary>
public static class SyncPlanner
{
    public static IReadOnlyList<PlannedItem> Plan(ArchiveCensus source, ArchiveCensus destination, ConflictStrategy strategy, string? sourceOfTruth)
    {
        var held = destination.Studies.SelectMany(s => s.Series.SelectMany(x => x.SopInstanceUids)).ToHashSet(StringComparer.Ordinal);
        var items = new List<PlannedItem>();
        foreach (var study in source.Studies)
        {
            var missing = study.Series.SelectMany(series => series.SopInstanceUids.Where(sop => !held.Contains(sop))
                .Select(sop => (series.SeriesInstanceUid, sop))).ToList();
            if (missing.Count == 0)
            {
                continue;
            }
            var skip = Conflict(study, destination) is { } conflict ? Decide(conflict, study, source.Archive.Id, strategy, sourceOfTruth) : null;
            items.AddRange(missing.Select(m => new PlannedItem(study.StudyInstanceUid, m.SeriesInstanceUid, m.sop, skip)));
        }
        return items;
    }

    /// <summary>The conflict of a source study with the destination, if any: what differs and the destination's studies involved.</summary>
    public static (string What, IReadOnlyList<ArchivedStudy> Theirs)? Conflict(ArchivedStudy study, ArchiveCensus destination)
    {
        var same = destination.Studies.Concat(destination.PatientStudies).FirstOrDefault(s => s.StudyInstanceUid == study.StudyInstanceUid);
        if (same is not null && ArchiveComparer.Differences(new Dictionary<string, ArchivedStudy> { ["source"] = study, ["destination"] = same }) is
            { Count: > 0 } differences)
        {
            return ("study attributes differ (" + string.Join(", ", differences.Select(d => d.Attribute)) + ")", [same]);
        }
        var others = destination.PatientStudies.Where(s => s.Attributes.PatientId == study.Attributes.PatientId && study.Attributes.PatientId.Length > 0
            && ArchiveComparer.DifferentPeople([study.Attributes, s.Attributes])).ToList();
        return others.Count > 0 ? ("patient collision (same Patient ID, different person)", others) : null;
    }

    /// <summary>Null: copy; otherwise why the study's instances are skipped.</summary>
    private static string? Decide((string What, IReadOnlyList<ArchivedStudy> Theirs) conflict, ArchivedStudy study, string source,
        ConflictStrategy strategy, string? sourceOfTruth) => strategy switch
        {
            ConflictStrategy.SourceOfTruth when string.Equals(source, sourceOfTruth, StringComparison.Ordinal) => null,
            ConflictStrategy.SourceOfTruth => $"conflict: {conflict.What}; the source is not the source of truth",
            ConflictStrategy.Newest when conflict.Theirs.All(s => string.CompareOrdinal(study.Attributes.When, s.Attributes.When) > 0) => null,
            ConflictStrategy.Newest => $"conflict: {conflict.What}; the destination's study is as new or newer",
            _ => $"conflict: {conflict.What}; skipped",
        };
}
