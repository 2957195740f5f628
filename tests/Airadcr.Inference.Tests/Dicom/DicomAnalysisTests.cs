using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.Inference.Engine.Analysis;
using Airadcr.Inference.Tests.Engine;
using Airadcr.Inference.Tests.Http;
using Airadcr.Inference.Tests.Phantoms;

namespace Airadcr.Inference.Tests.Dicom;

public sealed class DicomAnalysisTests(ShippedApi api)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task An_uploaded_synthetic_CT_series_yields_every_planted_nodule()
    {
        using var form = StudyUploads.Form(StudyUploads.ChestCt);

        var response = await api.Factory.CreateClient().PostAsync("/v1/analyses", form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<AnalysisResult>(Json, TestContext.Current.CancellationToken);
        NoduleExpectations.AssertFound(result!.Findings);
        Assert.Equal("1.2.826.0.1.3680043.10.1136.1", result.StudyInstanceUid);
    }

    [Fact]
    public async Task The_findings_json_has_the_documented_shape()
    {
        using var form = StudyUploads.Form(StudyUploads.ChestCt, "ct-nodule-candidates");

        var response = await api.Factory.CreateClient().PostAsync("/v1/analyses", form, TestContext.Current.CancellationToken);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var finding = body.GetProperty("findings")[0];
        Assert.Equal("ct-nodule-candidates", finding.GetProperty("modelId").GetString());
        Assert.Equal("1.2.0", finding.GetProperty("modelVersion").GetString());
        Assert.Equal("SCT", finding.GetProperty("type").GetProperty("scheme").GetString());
        var location = finding.GetProperty("location");
        foreach (var name in new[] { "seriesInstanceUid", "sopInstanceUid", "frame", "pixel", "patient", "boundingBox", "firstPlane", "lastPlane" })
        {
            Assert.True(location.TryGetProperty(name, out _), $"location.{name} missing: {location}");
        }

        Assert.True(finding.GetProperty("size").GetProperty("diameterMm").GetDouble() > 0);
        Assert.True(finding.GetProperty("confidence").GetDouble() > 0);
        Assert.True(body.GetProperty("processingTimeMs").GetDouble() > 0);
        Assert.Equal(ChestCtPhantom.Depth, body.GetProperty("runs")[0].GetProperty("planes").GetInt32());
    }

    [Fact]
    public async Task An_MR_series_sent_to_the_CT_model_is_422_wrong_modality()
    {
        using var form = StudyUploads.Form(StudyUploads.BrainMr, "ct-nodule-candidates");

        var response = await api.Factory.CreateClient().PostAsync("/v1/analyses", form, TestContext.Current.CancellationToken);

        await AnalysisRequestTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "wrong-modality", "(MR): ct-nodule-candidates accepts CT");
    }

    [Fact]
    public async Task An_unknown_model_is_422_unknown_model()
    {
        using var form = StudyUploads.Form(StudyUploads.BrainMr, "mr-brain-volumetry,no-such-model");

        var response = await api.Factory.CreateClient().PostAsync("/v1/analyses", form, TestContext.Current.CancellationToken);

        await AnalysisRequestTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "unknown-model", "'no-such-model'");
    }

    [Fact]
    public async Task A_model_whose_manifest_failed_to_load_is_422_model_unavailable_with_the_catalog_reason()
    {
        using var folder = new ModelsFolder("mr-brain-volumetry");
        folder.Write("mr-next.json", File.ReadAllText(Path.Combine(folder.Path, "mr-brain-volumetry.json"))
            .Replace("\"id\": \"mr-brain-volumetry\"", "\"id\": \"mr-next\"").Replace("\"file\": \"mr-brain-volumetry.onnx\"", "\"file\": \"mr-next.onnx\""));
        await using var factory = new InferenceApiFactory(folder.Path);
        using var form = StudyUploads.Form(StudyUploads.BrainMr, "mr-next");

        var response = await factory.CreateClient().PostAsync("/v1/analyses", form, TestContext.Current.CancellationToken);

        await AnalysisRequestTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "model-unavailable", "model file 'mr-next.onnx' not found");
    }

    [Theory]
    [InlineData("not-dicom.dcm", "not a DICOM instance")]
    [InlineData("truncated.dcm", "")]
    public async Task Non_decodable_instances_are_422_naming_the_instance(string name, string reason)
    {
        var bytes = name == "not-dicom.dcm"
            ? new byte[200]
            : StudyUploads.BrainMr[0].Bytes[..^1000];
        using var form = StudyUploads.Form([(name, bytes)]);

        var response = await api.Factory.CreateClient().PostAsync("/v1/analyses", form, TestContext.Current.CancellationToken);

        await AnalysisRequestTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "not-decodable", $"instance '{name}' cannot be decoded: ");
        Assert.Contains(reason, (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }
}
