using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.DicomGateway.Assembly;
using Airadcr.DicomGateway.Index;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

public sealed class OrthancRoutingTests
{
    [Fact]
    public async Task Orthanc_sends_a_study_to_ia_server_through_its_rest_api()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = new EmbeddedGatewayHost();
        await gateway.InitializeAsync();
        await using var orthanc = new OrthancServer();
        orthanc.Modalities["IA_SERVER"] = (GatewayHost.AeTitle, "127.0.0.1", gateway.DicomPort);
        await orthanc.InitializeAsync();

        using var upload = new ByteArrayContent(await File.ReadAllBytesAsync(PydicomCorpus.File("CT_small.dcm"), ct));
        var uploaded = await orthanc.Client.PostAsync("instances", upload, ct);
        uploaded.EnsureSuccessStatusCode();
        using var instance = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync(ct));
        var study = instance.RootElement.GetProperty("ParentStudy").GetString();
        var sent = await orthanc.Client.PostAsync("modalities/IA_SERVER/store", new StringContent(study!), ct);
        sent.EnsureSuccessStatusCode();

        using var client = gateway.CreateClient();
        var instances = await client.GetFromJsonAsync<List<InstanceSummary>>(
            "/studies/1.3.6.1.4.1.5962.1.2.1.20040119072730.12322/instances", ct);
        Assert.Single(instances!);
    }

    [Fact]
    public async Task Orthanc_lua_routing_forwards_a_stable_study_but_not_what_the_gateway_sent_back()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = new EmbeddedGatewayHost();
        await gateway.InitializeAsync();
        await using var orthanc = await StartRoutingOrthancAsync(gateway.DicomPort);

        (await DcmtkTools.StoreAsync(orthanc.AeTitle, orthanc.DicomPort, [PydicomCorpus.File("CT_small.dcm")], ct)).EnsureSuccess();
        // The gateway's own results come back under its AE title: Orthanc must not route them again.
        (await DcmtkTools.StoreAsync(orthanc.AeTitle, orthanc.DicomPort, [PydicomCorpus.File("MR_small.dcm")], ct,
            callingAe: GatewayHost.AeTitle)).EnsureSuccess();

        using var client = gateway.CreateClient();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        List<StudySummary>? studies;
        do
        {
            await Task.Delay(200, ct);
            studies = await client.GetFromJsonAsync<List<StudySummary>>("/studies", ct);
        }
        while ((studies!.Count == 0 || !await AllStudiesStableAsync(orthanc, ct)) && !deadline.IsCancellationRequested);

        var study = Assert.Single(await client.GetFromJsonAsync<List<StudySummary>>("/studies", ct) ?? []);
        Assert.Equal("1.3.6.1.4.1.5962.1.2.1.20040119072730.12322", study.StudyInstanceUid);
    }

    [Fact]
    public async Task A_study_that_becomes_stable_again_forwards_only_its_new_instances()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = new EmbeddedGatewayHost();
        await gateway.InitializeAsync();
        await using var orthanc = await StartRoutingOrthancAsync(gateway.DicomPort);
        using var directory = new FixtureDirectory("orthanc-restable");
        var files = SyntheticInstances.WriteStudy(directory.Combine("study"), 2);

        (await DcmtkTools.StoreAsync(orthanc.AeTitle, orthanc.DicomPort, [files[0]], ct)).EnsureSuccess();
        await WaitForStoreJobsAsync(orthanc, 1, ct);
        // A late instance (or a report from another system) makes the study stable again.
        (await DcmtkTools.StoreAsync(orthanc.AeTitle, orthanc.DicomPort, [files[1]], ct)).EnsureSuccess();
        var jobs = await WaitForStoreJobsAsync(orthanc, 2, ct);

        Assert.Equal([1, 1], jobs.Select(job => job.GetProperty("Content").GetProperty("InstancesCount").GetInt32()));
        using var client = gateway.CreateClient();
        var study = DicomFile.Open(files[0]).Dataset.GetString(DicomTag.StudyInstanceUID);
        Assert.Equal(2, (await client.GetFromJsonAsync<List<InstanceSummary>>($"/studies/{study}/instances", ct))!.Count);
    }

    [Fact]
    public async Task Orthanc_tells_the_gateway_it_has_sent_a_whole_stable_study_which_is_then_analysed_without_waiting()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new FixtureDirectory("orthanc-announces");
        // An hour-long stability window at the gateway: only Orthanc's announcement can complete the study in this test.
        await using var route = await AnnouncingRoute.StartAsync(directory, orthancStableAge: 1, new Dictionary<string, string>(), ct);
        var (gateway, orthanc) = (route.Gateway, route.Orthanc);
        var files = SyntheticInstances.WriteStudy(directory.Combine("study"), 3);
        var study = DicomFile.Open(files[0]).Dataset.GetString(DicomTag.StudyInstanceUID)!;

        (await DcmtkTools.StoreAsync(orthanc.AeTitle, orthanc.DicomPort, files, ct)).EnsureSuccess();

        await WaitForStudyAsync(gateway, study, 3, ct);
        var list = await gateway.HttpClient.GetFromJsonAsync<List<AnalysisJob>>("/admin/jobs", ct);
        Assert.Single(list!, job => job.StudyInstanceUid == study);
    }

    [Fact]
    public async Task With_the_gateway_api_known_each_instance_is_forwarded_as_stored_and_the_stable_study_sends_only_what_the_gateway_lacks()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new FixtureDirectory("orthanc-per-instance");
        // Orthanc's first forwards are refused; an hour-long stability window.
        await using var route = await AnnouncingRoute.StartRefusingOrthancAsync(directory, orthancStableAge: 3, ct);
        var (gateway, orthanc) = (route.Gateway, route.Orthanc);
        var files = SyntheticInstances.WriteStudy(directory.Combine("study"), 3);
        var study = StudyOf(files[0]);

        // An instance whose forward is refused: once stable, the study sends exactly that one with a REST C-STORE.
        (await DcmtkTools.StoreAsync(orthanc.AeTitle, orthanc.DicomPort, [files[0]], ct)).EnsureSuccess();
        await GatewayWait.UntilAsync(gateway, () => Task.FromResult(gateway.Process.LogTail(200).Contains($"calling AE {orthanc.AeTitle} rejected",
            StringComparison.Ordinal)), "Orthanc's forward refused", ct);
        (await gateway.HttpClient.PostAsJsonAsync("/admin/calling-aes", new { aeTitle = orthanc.AeTitle }, ct)).EnsureSuccessStatusCode();
        await WaitForStudyAsync(gateway, study, 1, ct);
        var stores = await WaitForStoreJobsAsync(orthanc, 1, ct);
        Assert.Equal(1, Assert.Single(stores).GetProperty("Content").GetProperty("InstancesCount").GetInt32());

        // The next two reach the gateway as Orthanc stores them: the stable study then sends nothing more.
        (await DcmtkTools.StoreAsync(orthanc.AeTitle, orthanc.DicomPort, [.. files.Skip(1)], ct)).EnsureSuccess();
        await WaitForStudyAsync(gateway, study, 3, ct);
        Assert.Single(await WaitForStoreJobsAsync(orthanc, 1, ct));
    }

    [Fact]
    public async Task A_stable_study_whose_store_failed_is_sent_after_the_next_study_that_reaches_the_gateway()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new FixtureDirectory("orthanc-retry");
        // The gateway refuses Orthanc at first: study A's forwards and its store fail.
        await using var route = await AnnouncingRoute.StartRefusingOrthancAsync(directory, orthancStableAge: 1, ct);
        var (gateway, orthanc) = (route.Gateway, route.Orthanc);
        var (first, next) = (SyntheticInstances.WriteStudy(directory.Combine("a"), 2), SyntheticInstances.WriteStudy(directory.Combine("b"), 1));
        var (studyA, studyB) = (StudyOf(first[0]), StudyOf(next[0]));
        Assert.NotEqual(studyA, studyB);

        (await DcmtkTools.StoreAsync(orthanc.AeTitle, orthanc.DicomPort, first, ct)).EnsureSuccess();
        await WaitForJobsAsync(orthanc, job => job.GetProperty("Type").GetString() == "DicomModalityStore"
            && job.GetProperty("State").GetString() == "Failure", 1, ct);
        (await gateway.HttpClient.PostAsJsonAsync("/admin/calling-aes", new { aeTitle = orthanc.AeTitle }, ct)).EnsureSuccessStatusCode();

        // Study A does not change again; the next study to reach the gateway brings it along.
        (await DcmtkTools.StoreAsync(orthanc.AeTitle, orthanc.DicomPort, next, ct)).EnsureSuccess();

        await WaitForStudyAsync(gateway, studyB, 1, ct);
        await WaitForStudyAsync(gateway, studyA, 2, ct);
    }

    private static string StudyOf(string file) => DicomFile.Open(file).Dataset.GetString(DicomTag.StudyInstanceUID)!;

    /// <summary>
    /// A gateway process with an admin key (sent by its client) and an hour-long stability window, and an Orthanc that
    /// routes to it with the committed Lua script and knows its API.
    /// </summary>
    private sealed record AnnouncingRoute(GatewayProcess Gateway, OrthancServer Orthanc) : IAsyncDisposable
    {
        private const string AdminKey = "orthanc-routing-admin-key";

        public static async Task<AnnouncingRoute> StartAsync(FixtureDirectory directory, int orthancStableAge,
            Dictionary<string, string> gatewaySettings, CancellationToken ct)
        {
            gatewaySettings["Gateway__StableSeconds"] = "3600";
            gatewaySettings["Gateway__AdminKey"] = AdminKey;
            var gateway = await GatewayProcess.StartAsync(directory.Combine("storage"), FreePort.Next(), directory.Combine("gateway.log"), ct,
                settings: gatewaySettings);
            gateway.HttpClient.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
            try
            {
                return new AnnouncingRoute(gateway, await StartRoutingOrthancAsync(gateway.DicomPort, orthancStableAge,
                    new GatewayApiSettings(gateway.HttpClient.BaseAddress!.ToString().TrimEnd('/'), AdminKey)));
            }
            catch
            {
                await gateway.DisposeAsync();
                throw;
            }
        }

        /// <summary>The same, with a gateway that refuses Orthanc's AE until the test allows it (only the readiness C-ECHO's AE is allowed).</summary>
        public static Task<AnnouncingRoute> StartRefusingOrthancAsync(FixtureDirectory directory, int orthancStableAge, CancellationToken ct) =>
            StartAsync(directory, orthancStableAge, new Dictionary<string, string> { ["Gateway__AllowedCallingAeTitles__0"] = "ECHOSCU" }, ct);

        public async ValueTask DisposeAsync()
        {
            await Orthanc.DisposeAsync();
            await Gateway.DisposeAsync();
        }
    }

    /// <summary>Waits for the study to be complete at the gateway (only Orthanc's announcement completes it) with that many instances.</summary>
    private static Task WaitForStudyAsync(GatewayProcess gateway, string study, int instances, CancellationToken ct) =>
        GatewayWait.UntilAsync(gateway, async () =>
        {
            var response = await gateway.HttpClient.GetAsync($"/studies/{study}", ct);
            return response.IsSuccessStatusCode
                && await response.Content.ReadFromJsonAsync<StudySummary>(ct) is { State: "complete" } summary && summary.InstanceCount == instances;
        }, $"the study complete at the gateway with {instances} instances", ct);

    /// <summary>An Orthanc that routes to the gateway with the committed Lua script (a study is stable after 1 s unless told).</summary>
    private static async Task<OrthancServer> StartRoutingOrthancAsync(int gatewayDicomPort, int stableAgeSeconds = 1, GatewayApiSettings? gatewayApi = null)
    {
        var orthanc = new OrthancServer { StableAgeSeconds = stableAgeSeconds, GatewayApi = gatewayApi };
        orthanc.Modalities["IA_SERVER"] = (GatewayHost.AeTitle, "127.0.0.1", gatewayDicomPort);
        orthanc.LuaScripts.Add(Path.Combine(AppContext.BaseDirectory, "Orthanc", "route-to-ia-server.lua"));
        try
        {
            await orthanc.InitializeAsync();
            return orthanc;
        }
        catch
        {
            await orthanc.DisposeAsync();
            throw;
        }
    }

    /// <summary>Orthanc's finished C-STORE jobs to a modality (what the Lua routing posted), oldest first.</summary>
    private static Task<List<JsonElement>> WaitForStoreJobsAsync(OrthancServer orthanc, int count, CancellationToken ct) =>
        WaitForJobsAsync(orthanc, job => job.GetProperty("Type").GetString() == "DicomModalityStore" && job.GetProperty("State").GetString() == "Success",
            count, ct);

    /// <summary>Orthanc's jobs that match, oldest first, once there are at least <paramref name="count"/>.</summary>
    private static async Task<List<JsonElement>> WaitForJobsAsync(OrthancServer orthanc, Func<JsonElement, bool> match, int count, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var jobs = JsonDocument.Parse(await orthanc.Client.GetStringAsync("jobs?expand", ct));
            var matching = jobs.RootElement.EnumerateArray().Where(match)
                .OrderBy(job => job.GetProperty("CreationTime").GetString(), StringComparer.Ordinal)
                .Select(job => job.Clone()).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }
            Assert.False(deadline.IsCancellationRequested, $"waiting for {count} job(s): {jobs.RootElement}");
            await Task.Delay(200, ct);
        }
    }

    private static async Task<bool> AllStudiesStableAsync(OrthancServer orthanc, CancellationToken ct)
    {
        using var ids = JsonDocument.Parse(await orthanc.Client.GetStringAsync("studies", ct));
        foreach (var id in ids.RootElement.EnumerateArray())
        {
            using var study = JsonDocument.Parse(await orthanc.Client.GetStringAsync($"studies/{id.GetString()}", ct));
            if (!study.RootElement.GetProperty("IsStable").GetBoolean())
            {
                return false;
            }
        }
        return ids.RootElement.GetArrayLength() == 2;
    }
}
