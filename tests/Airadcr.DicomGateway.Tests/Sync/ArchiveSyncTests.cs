using System.Net;
using System.Net.Http.Json;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.Synchronisation;
using Microsoft.Extensions.DependencyInjection;
using static Airadcr.DicomGateway.Tests.Sync.SyncArchivesFixture;

namespace Airadcr.DicomGateway.Tests.Sync;

/// <summary>Comparison and synchronisation between two Orthancs (and a refusing one, and one that aborts), through the gateway's admin API.</summary>
[Collection(nameof(SyncArchivesCollection))]
public sealed class ArchiveSyncTests(SyncArchivesFixture archives)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Comparison_counts_each_archive_names_what_is_missing_where_and_flags_a_patient_collision()
    {
        var patient = UniquePatient("CMP");
        var shared = WriteStudyFor("shared", 3, patient, "DOE^JOHN", "19600101", "20240101");
        await UploadAsync(archives.A, shared, Ct);
        await UploadAsync(archives.B, shared.Take(2), Ct);
        var onlyA = WriteStudyFor("only-a", 2, patient, "DOE^JOHN", "19600101", "20240201");
        await UploadAsync(archives.A, onlyA, Ct);
        // The same Patient ID for someone else in b.
        var other = WriteStudyFor("other", 1, patient, "SMITH^JANE", "19851231", "20240301");
        await UploadAsync(archives.B, other, Ct);
        using var http = archives.Gateway.CreateClient();

        var comparison = await CompareAsync(http, new { archives = new[] { "a", "b" }, patientId = patient });

        Assert.All(comparison.Archives, a => Assert.Equal("ok", a.Status));
        Assert.Equal((2, 5), (comparison.Archives[0].Studies, comparison.Archives[0].Instances));
        Assert.Equal((2, 3), (comparison.Archives[1].Studies, comparison.Archives[1].Instances));
        var sharedStudy = comparison.Studies.Single(s => s.StudyInstanceUid == Describe(shared).StudyUid);
        Assert.Equal(["b"], sharedStudy.MissingIn);
        Assert.Equal((3, 2, 1), (sharedStudy.Counts["a"].Instances, sharedStudy.Counts["b"].Instances, sharedStudy.Counts["b"].MissingInstances));
        Assert.Equal(["b"], comparison.Studies.Single(s => s.StudyInstanceUid == Describe(onlyA).StudyUid).MissingIn);
        Assert.Equal(["a"], comparison.Studies.Single(s => s.StudyInstanceUid == Describe(other).StudyUid).MissingIn);
        Assert.True(comparison.Collision);
        var collision = Assert.Single(comparison.Collisions);
        Assert.Equal(patient, collision.PatientId);
        Assert.Contains(collision.People, p => p is { ArchiveId: "b", PatientName: "SMITH^JANE", BirthDate: "19851231" });
        Assert.Contains(collision.People, p => p is { ArchiveId: "a", PatientName: "DOE^JOHN" });
    }

    [Fact]
    public async Task Attributes_that_differ_for_the_same_study_are_listed_per_archive()
    {
        var patient = UniquePatient("ACC");
        var inA = WriteStudyFor("acc-a", 1, patient, "DOE^JOHN", "19600101", "20240101", accession: "A-1");
        var inB = archives.WriteStudy("acc-b", 1, patient, "DOE^JOHN", "19600101", "20240101", Describe(inA).StudyUid, accession: "B-9");
        await UploadAsync(archives.A, inA, Ct);
        await UploadAsync(archives.B, inB, Ct);
        using var http = archives.Gateway.CreateClient();

        var comparison = await CompareAsync(http, new { archives = new[] { "a", "b" }, studyInstanceUid = Describe(inA).StudyUid });

        var study = Assert.Single(comparison.Studies);
        var difference = Assert.Single(study.Differences);
        Assert.Equal(("AccessionNumber", "A-1", "B-9"), (difference.Attribute, difference.Values["a"], difference.Values["b"]));
        Assert.Equal(["a", "b"], study.MissingIn); // each lacks the other's instance
        Assert.False(comparison.Collision);
    }

    [Fact]
    public async Task An_archive_that_aborts_associations_is_marked_failed_and_the_others_results_stand()
    {
        var patient = UniquePatient("ABT");
        var study = WriteStudyFor("abort", 2, patient, "DOE^JOHN", "19600101", "20240101");
        await UploadAsync(archives.A, study, Ct);
        using var http = archives.Gateway.CreateClient();

        var comparison = await CompareAsync(http, new { archives = new[] { "a", "aborting" }, patientId = patient });

        Assert.Equal(("ok", 2), (comparison.Archives[0].Status, comparison.Archives[0].Instances));
        Assert.Equal("failed", comparison.Archives[1].Status);
        Assert.Contains("abort", comparison.Archives[1].Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["a"], comparison.Studies.Single().Counts.Keys);
    }

    [Fact]
    public async Task An_archive_answering_pending_forever_is_cut_off_and_marked_failed_and_a_sync_from_it_fails_with_the_reason()
    {
        var patient = UniquePatient("END");
        await UploadAsync(archives.A, WriteStudyFor("endless", 1, patient, "DOE^JOHN", "19600101", "20240101"), Ct);
        using var http = archives.Gateway.CreateClient();

        var comparison = await CompareAsync(http, new { archives = new[] { "endless", "a" }, patientId = patient });
        var job = Assert.Single(await SyncAsync(http, new { source = "endless", destination = "a", patientId = patient }, Ct));

        Assert.Equal(("failed", "ok"), (comparison.Archives[0].Status, comparison.Archives[1].Status));
        Assert.Contains("more than 2000 C-FIND answers", comparison.Archives[0].Error, StringComparison.Ordinal);
        Assert.Equal(1, comparison.Archives[1].Instances);
        Assert.Equal("failed", job.Job.State);
        Assert.Contains("archive endless failed", job.Job.Error, StringComparison.Ordinal);
        Assert.Equal(0, job.Job.Counts.Total);
    }

    [Fact]
    public async Task Sync_by_move_copies_what_the_destination_lacks_confirmed_by_findscu_and_a_second_run_copies_nothing()
    {
        var patient = UniquePatient("MOV");
        var paths = WriteStudyFor("move", 4, patient, "DOE^JOHN", "19600101", "20240101");
        await UploadAsync(archives.A, paths, Ct);
        await UploadAsync(archives.B, paths.Take(1), Ct);
        var study = Describe(paths);
        using var http = archives.Gateway.CreateClient();

        var first = Assert.Single(await SyncAsync(http, new { source = "a", destination = "b", patientId = patient }, Ct));
        var second = Assert.Single(await SyncAsync(http, new { source = "a", destination = "b", patientId = patient }, Ct));

        Assert.Equal(("done", "move"), (first.Job.State, first.Job.Method));
        Assert.Equal(new SyncCounts(0, 3, 0, 0), first.Job.Counts);
        Assert.All(first.Items, item => Assert.Equal("copied", item.State));
        Assert.Equal(study.SopUids.ToHashSet(), await FindscuInstancesAsync(archives.B, study.StudyUid, Ct));
        Assert.Equal(("done", 0), (second.Job.State, second.Job.Counts.Total));
    }

    [Fact]
    public async Task Sync_by_relay_goes_through_the_gateways_relay_listener_and_never_into_its_analysis_pipeline()
    {
        var patient = UniquePatient("REL");
        var paths = WriteStudyFor("relay", 3, patient, "ROE^ANN", "19700101", "20240101");
        await UploadAsync(archives.B, paths, Ct);
        var study = Describe(paths);
        using var http = archives.Gateway.CreateClient();

        var job = Assert.Single(await SyncAsync(http, new { source = "b", destination = "a", studyInstanceUid = study.StudyUid }, Ct));

        Assert.Equal(("done", "relay"), (job.Job.State, job.Job.Method));
        Assert.Equal(3, job.Job.Counts.Copied);
        Assert.Equal(study.SopUids.ToHashSet(), await FindscuInstancesAsync(archives.A, study.StudyUid, Ct));
        var index = archives.Gateway.Services.GetRequiredService<InstanceIndex>();
        Assert.Null(await index.GetStudyAsync(study.StudyUid, Ct));
        Assert.False(Directory.Exists(Path.Combine(archives.Gateway.StoragePath, "sync-spool", job.Job.JobId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task A_destination_that_refuses_stores_leaves_every_instance_failed_with_the_reason()
    {
        var patient = UniquePatient("REF");
        var paths = WriteStudyFor("refused", 2, patient, "DOE^JOHN", "19600101", "20240101");
        await UploadAsync(archives.A, paths, Ct);
        using var http = archives.Gateway.CreateClient();

        var job = Assert.Single(await SyncAsync(http, new { source = "a", destination = "refusing", patientId = patient, method = "relay" }, Ct));

        Assert.Equal("partial", job.Job.State);
        Assert.Equal(new SyncCounts(0, 0, 2, 0), job.Job.Counts);
        Assert.All(job.Items, item => Assert.Contains("refused the C-STORE", item.Error, StringComparison.Ordinal));
        Assert.Empty(await FindscuInstancesAsync(archives.Refusing, Describe(paths).StudyUid, Ct));
    }

    [Fact]
    public async Task A_patient_collision_is_skipped_copied_when_newest_and_skipped_when_the_destination_is_the_source_of_truth()
    {
        var patient = UniquePatient("COL");
        var newer = WriteStudyFor("newer", 2, patient, "DOE^JOHN", "19600101", "20250101");
        var older = WriteStudyFor("older", 1, patient, "SMITH^JANE", "19851231", "20200101");
        await UploadAsync(archives.A, newer, Ct);
        await UploadAsync(archives.B, older, Ct);
        using var http = archives.Gateway.CreateClient();

        var skip = Assert.Single(await SyncAsync(http, new { source = "a", destination = "b", patientId = patient, conflict = "skip" }, Ct));
        var truth = Assert.Single(await SyncAsync(http, new { source = "a", destination = "b", patientId = patient, conflict = "source-of-truth" }, Ct));
        var newest = Assert.Single(await SyncAsync(http, new { source = "a", destination = "b", patientId = patient, conflict = "newest" }, Ct));

        Assert.Equal(new SyncCounts(0, 0, 0, 2), skip.Job.Counts);
        Assert.All(skip.Items, item => Assert.Contains("patient collision", item.Error, StringComparison.Ordinal));
        Assert.Equal(new SyncCounts(0, 0, 0, 2), truth.Job.Counts); // b is the source of truth
        Assert.Equal(new SyncCounts(0, 2, 0, 0), newest.Job.Counts);
        Assert.Equal(Describe(newer).SopUids.ToHashSet(), await FindscuInstancesAsync(archives.B, Describe(newer).StudyUid, Ct));
    }

    [Fact]
    public async Task In_server_mode_jobs_and_their_instances_are_kept_in_postgresql()
    {
        var patient = UniquePatient("PG");
        var paths = WriteStudyFor("postgres", 2, patient, "DOE^JOHN", "19600101", "20240101");
        await UploadAsync(archives.A, paths, Ct);
        var settings = archives.Settings();
        settings["Gateway:Port"] = Airadcr.LocalServers.FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var server = new GatewayHost(GatewayMode.Server, settings);
        await server.InitializeAsync();
        using var http = server.CreateClient();

        var job = Assert.Single(await SyncAsync(http, new { source = "a", destination = "b", patientId = patient }, Ct));

        Assert.Equal(("done", new SyncCounts(0, 2, 0, 0)), (job.Job.State, job.Job.Counts));
        Assert.Contains(job.Job.JobId, (await http.GetFromJsonAsync<List<SyncJob>>("/admin/archives/sync/jobs", Ct))!.Select(j => j.JobId));
        Assert.Equal(Describe(paths).SopUids.ToHashSet(), await FindscuInstancesAsync(archives.B, Describe(paths).StudyUid, Ct));
    }

    [Fact]
    public async Task Bad_requests_get_a_clear_400_and_an_unknown_job_a_404()
    {
        using var http = archives.Gateway.CreateClient();

        using var noScope = await http.PostAsJsonAsync("/admin/archives/compare", new { archives = new[] { "a", "b" } }, Ct);
        using var unknown = await http.PostAsJsonAsync("/admin/archives/sync", new { source = "a", destination = "nowhere", patientId = "X" }, Ct);
        using var badConflict = await http.PostAsJsonAsync("/admin/archives/sync", new { source = "a", destination = "b", patientId = "X", conflict = "loudest" }, Ct);
        using var missing = await http.GetAsync("/admin/archives/sync/jobs/999999", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noScope.StatusCode);
        Assert.Contains("unknown archive", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badConflict.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private IReadOnlyList<string> WriteStudyFor(string name, int count, string patientId, string patientName, string birthDate, string studyDate,
        string accession = "ACC1") =>
        archives.WriteStudy(name, count, patientId, patientName, birthDate, studyDate, accession: accession);

    private static async Task<ArchiveComparison> CompareAsync(HttpClient http, object request)
    {
        using var response = await http.PostAsJsonAsync("/admin/archives/compare", request, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ArchiveComparison>(Ct))!;
    }
}
