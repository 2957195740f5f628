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
        await using var gateway = new GatewayHost();
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
}
