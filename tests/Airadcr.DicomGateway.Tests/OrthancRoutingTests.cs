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
        await using var orthanc = await StartRoutingOrthancAsync(gateway);

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
        await using var orthanc = await StartRoutingOrthancAsync(gateway);
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
        const string adminKey = "orthanc-routing-admin-key";
        // An hour-long stability window at the gateway: only Orthanc's announcement can complete the study in this test.
        await using var gateway = await GatewayProcess.StartAsync(directory.Combine("storage"), FreePort.Next(), directory.Combine("gateway.log"), ct,
            settings: new Dictionary<string, string> { ["Gateway__StableSeconds"] = "3600", ["Gateway__AdminKey"] = adminKey });
        await using var orthanc = new OrthancServer
        {
            StableAgeSeconds = 1,
            GatewayApi = new GatewayApiSettings(gateway.HttpClient.BaseAddress!.ToString().TrimEnd('/'), adminKey),
        };
        orthanc.Modalities["IA_SERVER"] = (GatewayHost.AeTitle, "127.0.0.1", gateway.DicomPort);
        orthanc.LuaScripts.Add(Path.Combine(AppContext.BaseDirectory, "Orthanc", "route-to-ia-server.lua"));
        await orthanc.InitializeAsync();
        var files = SyntheticInstances.WriteStudy(directory.Combine("study"), 3);
        var study = DicomFile.Open(files[0]).Dataset.GetString(DicomTag.StudyInstanceUID)!;

        (await DcmtkTools.StoreAsync(orthanc.AeTitle, orthanc.DicomPort, files, ct)).EnsureSuccess();

        async Task<StudySummary?> StudyAsync()
        {
            var response = await gateway.HttpClient.GetAsync($"/studies/{study}", ct);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<StudySummary>(ct) : null;
        }
        await GatewayWait.UntilAsync(gateway, async () => await StudyAsync() is { State: "complete" }, "the study complete at the gateway", ct);
        Assert.Equal(3, (await StudyAsync())!.InstanceCount);
        using var jobs = new HttpRequestMessage(HttpMethod.Get, "/admin/jobs");
        jobs.Headers.Add("X-Admin-Key", adminKey);
        var list = await (await gateway.HttpClient.SendAsync(jobs, ct)).Content.ReadFromJsonAsync<List<AnalysisJob>>(ct);
        Assert.Single(list!, job => job.StudyInstanceUid == study);
    }

    /// <summary>An Orthanc that routes to the gateway with the committed Lua script (a study is stable after 1 s).</summary>
    private static async Task<OrthancServer> StartRoutingOrthancAsync(GatewayHost gateway)
    {
        var orthanc = new OrthancServer { StableAgeSeconds = 1 };
        orthanc.Modalities["IA_SERVER"] = (GatewayHost.AeTitle, "127.0.0.1", gateway.DicomPort);
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
    private static async Task<List<JsonElement>> WaitForStoreJobsAsync(OrthancServer orthanc, int count, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var jobs = JsonDocument.Parse(await orthanc.Client.GetStringAsync("jobs?expand", ct));
            var stores = jobs.RootElement.EnumerateArray()
                .Where(job => job.GetProperty("Type").GetString() == "DicomModalityStore" && job.GetProperty("State").GetString() == "Success")
                .OrderBy(job => job.GetProperty("CreationTime").GetString(), StringComparer.Ordinal)
                .Select(job => job.Clone()).ToList();
            if (stores.Count >= count)
            {
                return stores;
            }
            Assert.False(deadline.IsCancellationRequested, $"waiting for {count} store job(s): {jobs.RootElement}");
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
