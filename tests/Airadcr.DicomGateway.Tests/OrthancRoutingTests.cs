using System.Net.Http.Json;
using System.Text.Json;
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
        await using var orthanc = new OrthancServer { StableAgeSeconds = 1 };
        orthanc.Modalities["IA_SERVER"] = (GatewayHost.AeTitle, "127.0.0.1", gateway.DicomPort);
        orthanc.LuaScripts.Add(Path.Combine(AppContext.BaseDirectory, "Orthanc", "route-to-ia-server.lua"));
        await orthanc.InitializeAsync();

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
