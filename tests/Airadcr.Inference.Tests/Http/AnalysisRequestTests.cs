using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Airadcr.Inference.Tests.Http;

public sealed class AnalysisRequestTests(ShippedApi api)
{
    [Fact]
    public async Task A_body_that_is_neither_json_nor_multipart_is_415()
    {
        var response = await api.Factory.CreateClient().PostAsync("/v1/analyses", new StringContent("hello"), TestContext.Current.CancellationToken);

        await AssertProblem(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task A_study_reference_without_a_study_uid_is_400()
    {
        var response = await api.Factory.CreateClient().PostAsJsonAsync("/v1/analyses", new { models = new[] { "mr-brain-volumetry" } }, TestContext.Current.CancellationToken);

        await AssertProblem(response, HttpStatusCode.BadRequest, "invalid-request", "studyInstanceUid is required");
    }

    [Fact]
    public async Task An_upload_without_any_instance_is_422_empty_study()
    {
        using var form = new MultipartFormDataContent { { new StringContent("mr-brain-volumetry"), "models" } };

        var response = await api.Factory.CreateClient().PostAsync("/v1/analyses", form, TestContext.Current.CancellationToken);

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "empty-study", "the study has no instance");
    }

    internal static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code, string? detail = null)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, body.GetProperty("code").GetString());
        if (detail is not null)
        {
            Assert.Contains(detail, body.GetProperty("detail").GetString());
        }

        return body;
    }
}
