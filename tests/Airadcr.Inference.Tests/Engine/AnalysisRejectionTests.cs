using Airadcr.Inference.Engine.Analysis;
using Airadcr.Inference.Tests.Phantoms;

namespace Airadcr.Inference.Tests.Engine;

public sealed class AnalysisRejectionTests(ShippedEngine engine)
{
    [Fact]
    public async Task An_empty_study_is_rejected()
    {
        var e = await Assert.ThrowsAsync<AnalysisRejectedException>(() =>
            engine.Host.Analyzer.AnalyzeAsync([], null, TestContext.Current.CancellationToken));

        Assert.Equal(AnalysisRejection.EmptyStudy, e.Rejection);
    }

    [Fact]
    public async Task A_model_asked_for_a_modality_it_does_not_accept_is_rejected_with_what_it_accepts()
    {
        var e = await Assert.ThrowsAsync<AnalysisRejectedException>(() =>
            engine.Host.Analyzer.AnalyzeAsync([BrainMrPhantom.Build()], ["ct-nodule-candidates"], TestContext.Current.CancellationToken));

        Assert.Equal(AnalysisRejection.WrongModality, e.Rejection);
        Assert.Contains("no model accepts the study's modality (MR): ct-nodule-candidates accepts CT", e.Message);
    }

    [Fact]
    public async Task An_unknown_model_is_rejected_with_the_served_ones()
    {
        var e = await Assert.ThrowsAsync<AnalysisRejectedException>(() =>
            engine.Host.Analyzer.AnalyzeAsync([BrainMrPhantom.Build()], ["lung-cancer-oracle"], TestContext.Current.CancellationToken));

        Assert.Equal(AnalysisRejection.UnknownModel, e.Rejection);
        Assert.Contains("served: ct-nodule-candidates, dx-intensity-balance, mr-brain-volumetry", e.Message);
    }

    [Fact]
    public async Task A_model_that_failed_to_load_is_rejected_with_the_catalog_reason()
    {
        using var folder = new ModelsFolder("mr-brain-volumetry");
        folder.Write("broken.json", """{ "id": "broken", "version": "1", "file": "gone.onnx", "modalities": ["MR"], "input": { "name": "x" }, "decoding": { "kind": "mask-volume", "maskOutput": "m", "minVolumeMl": 1, "finding": { "code": "1", "scheme": "99X", "meaning": "x" } } }""");
        await using var host = new EngineHost(folder.Path);

        var e = await Assert.ThrowsAsync<AnalysisRejectedException>(() =>
            host.Analyzer.AnalyzeAsync([BrainMrPhantom.Build()], ["broken"], TestContext.Current.CancellationToken));

        Assert.Equal(AnalysisRejection.ModelUnavailable, e.Rejection);
        Assert.Contains("model file 'gone.onnx' not found", e.Message);
    }
}
