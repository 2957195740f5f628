using System.Net;
using System.Text.Json.Nodes;
using Airadcr.ReportApi.Tests.Infrastructure;

namespace Airadcr.ReportApi.Tests.Embedded;

/// <summary>OpenAPI document (with the spec's examples) and the Scalar UI, in Development.</summary>
public sealed class ApiDocumentationTests : IAsyncDisposable
{
    private readonly ReportApiFactory api = new(new Dictionary<string, string?>());

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_with_the_store_example()
    {
        var document = JsonNode.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json", Token))!;

        var paths = document["paths"]!.AsObject();
        foreach (var path in new[] { "/health", "/pending-report", "/find-report", "/open-report", "/api-keys", "/api-keys/{id}", "/navigation-events" })
        {
            Assert.True(paths.ContainsKey(path), path);
        }

        var body = paths["/pending-report"]!["post"]!["requestBody"]!["content"]!["application/json"]!;
        Assert.Equal("TEO_2024_12345", (string?)body["example"]!["technical_id"]);
        Assert.NotNull(body["schema"]);
    }

    [Fact]
    public async Task Scalar_serves_its_ui()
    {
        using var response = await api.CreateClient().GetAsync("/scalar", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await api.DisposeAsync();
        await api.DeleteDataDirectoryAsync();
    }
}
