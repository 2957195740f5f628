using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.Inference.Engine.Analysis;
using Airadcr.Inference.Tests.Http;
using Airadcr.Inference.Tests.Phantoms;

namespace Airadcr.Inference.Tests.Dicom;

/// <summary>A study reference (<c>{"studyInstanceUid": ...}</c>) resolved through the real gateway's study endpoints.</summary>
public sealed class GatewayStudyReferenceTests(RealGateway gateway) : IClassFixture<RealGateway>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_study_stored_in_the_gateway_is_fetched_by_reference_and_analysed()
    {
        var ct = TestContext.Current.CancellationToken;
        var mr = BrainMrPhantom.Build();
        await gateway.StoreAsync("brain-mr", StudyUploads.BrainMr, ct);
        await using var factory = GatewayBackedApi();

        var response = await factory.CreateClient().PostAsJsonAsync("/v1/analyses", new { studyInstanceUid = mr.StudyInstanceUid }, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<AnalysisResult>(Json, ct);
        var finding = Assert.Single(result!.Findings);
        Assert.InRange(finding.Size.VolumeMl!.Value, BrainMrPhantom.BrainVolumeMl * 0.95, BrainMrPhantom.BrainVolumeMl * 1.05);
        Assert.Equal(mr.Depth, result.Runs.Single().Planes);
    }

    [Fact]
    public async Task A_study_the_gateway_does_not_hold_is_404_study_not_found()
    {
        await using var factory = GatewayBackedApi();

        var response = await factory.CreateClient().PostAsJsonAsync("/v1/analyses", new { studyInstanceUid = "1.2.3.4.404" }, TestContext.Current.CancellationToken);

        await AnalysisRequestTests.AssertProblem(response, HttpStatusCode.NotFound, "study-not-found");
    }

    [Fact]
    public async Task A_gateway_study_without_any_image_is_422_empty_study()
    {
        var ct = TestContext.Current.CancellationToken;
        var (study, instance) = RealGateway.ImagelessStudy();
        await gateway.StoreAsync("imageless", [instance], ct);
        await using var factory = GatewayBackedApi();

        var response = await factory.CreateClient().PostAsJsonAsync("/v1/analyses", new { studyInstanceUid = study }, ct);

        await AnalysisRequestTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "empty-study");
    }

    private InferenceApiFactory GatewayBackedApi() =>
        new(settings: new Dictionary<string, string> { ["Gateway:BaseAddress"] = gateway.BaseAddress });
}
