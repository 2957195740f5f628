using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.Inference.Tests.Engine;

namespace Airadcr.Inference.Tests.Http;

public sealed class ModelsApiTests(ShippedApi api)
{
    [Fact]
    public async Task Models_lists_the_shipped_models_with_their_modalities_and_the_provider_in_use()
    {
        var body = await api.Factory.CreateClient().GetFromJsonAsync<JsonElement>("/v1/models", TestContext.Current.CancellationToken);

        Assert.Equal("CPU", body.GetProperty("executionProvider").GetString());
        var models = body.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        Assert.Equal(["ct-nodule-candidates", "dx-intensity-balance", "mr-brain-volumetry"], models.Keys);
        Assert.Equal("CT", models["ct-nodule-candidates"].GetProperty("modalities")[0].GetString());
        Assert.Equal("blobs", models["ct-nodule-candidates"].GetProperty("decoding").GetProperty("kind").GetString());
        Assert.Equal(0, body.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task Models_reports_a_bad_manifest_and_still_serves_the_others()
    {
        using var folder = new ModelsFolder("mr-brain-volumetry");
        folder.Write("half.json", "{ \"id\": \"half\"");
        await using var factory = new InferenceApiFactory(folder.Path);

        var body = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/v1/models", TestContext.Current.CancellationToken);

        Assert.Equal("mr-brain-volumetry", Assert.Single(body.GetProperty("models").EnumerateArray()).GetProperty("id").GetString());
        var problem = Assert.Single(body.GetProperty("problems").EnumerateArray());
        Assert.Equal("half.json", problem.GetProperty("file").GetString());
        Assert.StartsWith("manifest is not valid", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_both_endpoints_and_Scalar_serves_it()
    {
        var client = api.Factory.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var scalar = await client.GetAsync("/scalar/v1", TestContext.Current.CancellationToken);

        Assert.Contains("\"/v1/analyses\"", document);
        Assert.Contains("\"/v1/models\"", document);
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
    }
}
