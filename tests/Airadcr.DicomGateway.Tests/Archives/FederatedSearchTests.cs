using Airadcr.DicomGateway.Archives;

namespace Airadcr.DicomGateway.Tests.Archives;

/// <summary>
/// Issue 22, item 2: one search across two Orthancs and dcmqrscp, merged by Study Instance UID, each archive's part
/// checked against what dcmtk's findscu gets from that archive with the same keys.
/// </summary>
[Collection(nameof(FederatedArchivesCollection))]
public sealed class FederatedSearchTests(FederatedArchives archives)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Queries, each with the findscu keys that ask an archive the same thing.</summary>
    public static TheoryData<string> Queries => ["name", "date-range", "patient-id", "accession", "modality", "name-and-date"];

    private (StudyQuery Query, string[] Keys) Query(string name) => name switch
    {
        "name" => (new StudyQuery(PatientName: $"FED{archives.Tag}*"), [$"PatientName=FED{archives.Tag}*"]),
        "date-range" => (new StudyQuery(PatientName: $"FED{archives.Tag}*", StudyDateFrom: "2024-01-01", StudyDateTo: "20240228"),
            [$"PatientName=FED{archives.Tag}*", "StudyDate=20240101-20240228"]),
        "patient-id" => (new StudyQuery(PatientId: archives.Shared.PatientId), [$"PatientID={archives.Shared.PatientId}"]),
        "accession" => (new StudyQuery(AccessionNumber: archives.ConflictInB.Accession), [$"AccessionNumber={archives.ConflictInB.Accession}"]),
        "modality" => (new StudyQuery(PatientName: $"FED{archives.Tag}*", ModalitiesInStudy: "MR"), [$"PatientName=FED{archives.Tag}*", "ModalitiesInStudy=MR"]),
        "name-and-date" => (new StudyQuery(PatientName: $"FED{archives.Tag}^C*", StudyDateFrom: "20240201"),
            [$"PatientName=FED{archives.Tag}^C*", "StudyDate=20240201-"]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Each_archive_s_presence_is_what_findscu_gets_from_it(string name)
    {
        var (query, keys) = Query(name);
        using var http = archives.Gateway.CreateClient();

        var result = await FederatedArchives.SearchAsync(http, query with { PageSize = StudyQuery.MaxPageSize }, Ct);

        Assert.All(result.Archives, archive => Assert.Equal((archive.Name, ArchiveSearchStatus.Ok), (archive.Name, archive.Status)));
        var expected = new Dictionary<string, IReadOnlySet<string>>
        {
            [archives.IdA] = await FederatedArchives.FindScuAsync(archives.OrthancA.AeTitle, archives.OrthancA.DicomPort, keys, Ct),
            [archives.IdB] = await FederatedArchives.FindScuAsync(archives.OrthancB.AeTitle, archives.OrthancB.DicomPort, keys, Ct),
            [archives.IdQ] = await FederatedArchives.FindScuAsync(archives.Dcmqrscp.AeTitle, archives.Dcmqrscp.Port, keys, Ct),
        };
        Assert.NotEmpty(expected.Values.SelectMany(uids => uids));
        foreach (var (id, uids) in expected)
        {
            var present = result.Studies.Where(study => study.Presence[id] == true).Select(study => study.StudyInstanceUid).ToHashSet();
            Assert.True(uids.SetEquals(present), $"{name}: archive {id}: findscu {string.Join(",", uids.Order())} vs search {string.Join(",", present.Order())}; "
                + System.Text.Json.JsonSerializer.Serialize(result.Archives));
            Assert.All(result.Studies.Where(study => !uids.Contains(study.StudyInstanceUid)), study => Assert.False(study.Presence[id]));
            Assert.Equal(uids.Count, result.Archives.Single(archive => archive.Id == id).Count);
        }
        Assert.Equal(expected.Values.SelectMany(uids => uids).Distinct().Count(), result.Total);
    }

    [Fact]
    public async Task Studies_are_merged_by_uid_with_presence_per_archive_and_conflicts_named()
    {
        using var http = archives.Gateway.CreateClient();

        var result = await FederatedArchives.SearchAsync(http, new StudyQuery(PatientName: $"FED{archives.Tag}*"), Ct);

        var byUid = result.Studies.ToDictionary(study => study.StudyInstanceUid);
        Assert.Equal(archives.All.Select(study => study.StudyUid).Order(), byUid.Keys.Order());
        Assert.Equal(Presence(true, true, true), byUid[archives.Shared.StudyUid].Presence);
        Assert.Equal(Presence(true, false, true), byUid[archives.Alpha.StudyUid].Presence);
        Assert.Equal(Presence(false, true, false), byUid[archives.Beta.StudyUid].Presence);
        Assert.Equal(Presence(false, false, true), byUid[archives.Gamma.StudyUid].Presence);
        var conflict = byUid[archives.Conflict.StudyUid];
        Assert.Equal(Presence(true, true, false), conflict.Presence);
        Assert.Equal(["patientName", "accessionNumber"], conflict.Conflicts);
        Assert.Equal(archives.Conflict.PatientName, conflict.Attributes.PatientName); // the primary's
        Assert.Empty(byUid[archives.Shared.StudyUid].Conflicts);
        Assert.Equal(archives.Shared.PatientId, byUid[archives.Shared.StudyUid].Attributes.PatientId);
        Assert.Equal(["c-find", "c-find", "qido-rs"], result.Archives.Select(archive => archive.Via).Order());
    }

    [Fact]
    public async Task Pages_cover_every_study_once_newest_first()
    {
        using var http = archives.Gateway.CreateClient();
        var pages = new List<FederatedSearchResult>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await FederatedArchives.SearchAsync(http, new StudyQuery(PatientName: $"FED{archives.Tag}*", Page: page, PageSize: 2), Ct));
        }

        Assert.All(pages, page => Assert.Equal(5, page.Total));
        Assert.Equal([2, 2, 1], pages.Select(page => page.Studies.Count));
        var dates = pages.SelectMany(page => page.Studies).Select(study => study.Attributes.StudyDate).ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
        Assert.Equal(5, pages.SelectMany(page => page.Studies).Select(study => study.StudyInstanceUid).Distinct().Count());
    }

    public static TheoryData<Misbehaviour> Misbehaviours =>
        [Misbehaviour.AbortsAssociation, Misbehaviour.NeverAnswers, Misbehaviour.PendingForever, Misbehaviour.MalformedIdentifier, Misbehaviour.DropsMidAnswer];

    [Theory]
    [MemberData(nameof(Misbehaviours))]
    public async Task A_misbehaving_archive_is_reported_with_its_reason_and_the_others_results_stand(Misbehaviour behaviour)
    {
        await using var peer = new MisbehavingArchive(behaviour, "BAD_PEER");
        using var http = archives.Gateway.CreateClient();
        var id = await FederatedArchives.RegisterAsync(http, new(("bad-" + behaviour).ToLowerInvariant(), peer.AeTitle, "127.0.0.1", peer.Port, null,
            ArchiveRole.Secondary), Ct);
        try
        {
            var result = await FederatedArchives.SearchAsync(http, new StudyQuery(PatientName: $"FED{archives.Tag}*", TimeoutMs: 3000), Ct);

            var bad = result.Archives.Single(archive => archive.Id == id);
            var (status, reason, partial) = behaviour switch
            {
                Misbehaviour.AbortsAssociation => (ArchiveSearchStatus.Failed, "abort", false),
                Misbehaviour.NeverAnswers => (ArchiveSearchStatus.Timeout, "within 3000 ms", false),
                Misbehaviour.PendingForever => (ArchiveSearchStatus.Timeout, "within 3000 ms", true),
                Misbehaviour.MalformedIdentifier => (ArchiveSearchStatus.Failed, "", false),
                _ => (ArchiveSearchStatus.Failed, "", true),
            };
            Assert.Equal(status, bad.Status);
            Assert.Contains(reason, bad.Reason, StringComparison.OrdinalIgnoreCase);
            Assert.True(bad.Partial, $"{behaviour}: an archive that did not finish is partial");
            Assert.Equal(partial, bad.Count > 0);
            Assert.All(result.Archives.Where(archive => archive.Id != id), archive => Assert.Equal(ArchiveSearchStatus.Ok, archive.Status));
            var ours = result.Studies.Where(study => study.StudyInstanceUid.StartsWith("1.2.826.0.1.3680043.9.7778." + archives.Tag, StringComparison.Ordinal));
            Assert.Equal(archives.All.Select(study => study.StudyUid).Order(), ours.Select(study => study.StudyInstanceUid).Order());
            Assert.All(ours, study => Assert.Null(study.Presence[id]));
            Assert.All(result.Studies.Where(study => study.StudyInstanceUid.StartsWith(MisbehavingArchive.UidRoot, StringComparison.Ordinal)),
                study => Assert.True(study.Presence[id]));
        }
        finally
        {
            using var deleted = await http.DeleteAsync($"/admin/archives/{id}", Ct);
        }
    }

    private Dictionary<string, bool?> Presence(bool a, bool b, bool q) =>
        new() { [archives.IdA] = a, [archives.IdB] = b, [archives.IdQ] = q };
}
