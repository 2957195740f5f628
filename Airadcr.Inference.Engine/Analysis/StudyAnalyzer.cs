using Airadcr.Inference.Engine.Catalog;
using Airadcr.Inference.Engine.Decoding;
using Airadcr.Inference.Engine.Findings;
using Airadcr.Inference.Engine.Imaging;
using Airadcr.Inference.Engine.Processing;
using Airadcr.Inference.Engine.Runtime;

namespace Airadcr.Inference.Engine.Analysis;

/// <summary>
/// Runs the catalog's models over a study's volumes: each volume through every requested (or, when none is named,
/// every served) model that accepts its modality; pre-processing, batched inference, decoding into findings.
/// </summary>
public sealed class StudyAnalyzer(ModelCatalog catalog, InferenceMetrics metrics, TimeProvider time)
{
    public async Task<AnalysisResult> AnalyzeAsync(
        IReadOnlyList<ImageVolume> volumes, IReadOnlyList<string>? modelIds, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (volumes.Count == 0)
        {
            throw new AnalysisRejectedException(AnalysisRejection.EmptyStudy, "the study has no image with pixel data");
        }

        var models = SelectModels(modelIds);
        var pairs = volumes.SelectMany(v => models.Where(m => m.Accepts(v.Modality)).Select(m => (Volume: v, Model: m))).ToList();
        if (pairs.Count == 0)
        {
            var modalities = string.Join(", ", volumes.Select(v => v.Modality).Distinct().Order());
            var accepted = string.Join("; ", models.Select(m => $"{m.Manifest.Id} accepts {string.Join("/", m.Manifest.Modalities)}"));
            throw new AnalysisRejectedException(AnalysisRejection.WrongModality,
                $"no model accepts the study's modality ({modalities}): {accepted}");
        }

        var runs = await Task.WhenAll(pairs.Select(p => RunAsync(p.Model, p.Volume, cancellationToken)));
        var findings = runs.SelectMany(r => r.Findings)
            .OrderBy(f => f.ModelId, StringComparer.Ordinal)
            .ThenBy(f => f.Location.SeriesInstanceUid, StringComparer.Ordinal)
            .ThenBy(f => f.Location.Patient.Z).ThenBy(f => f.Location.Pixel.Y).ThenBy(f => f.Location.Pixel.X)
            .ToList();
        return new AnalysisResult(
            volumes[0].StudyInstanceUid,
            runs.Select(r => r.Run).ToList(),
            findings,
            Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 1));
    }

    private List<CatalogModel> SelectModels(IReadOnlyList<string>? modelIds)
    {
        if (modelIds is null || modelIds.Count == 0)
        {
            return catalog.Models.OrderBy(m => m.Manifest.Id, StringComparer.Ordinal).ToList();
        }

        var selected = new List<CatalogModel>();
        foreach (var id in modelIds.Distinct())
        {
            if (catalog.TryGet(id, out var model))
            {
                selected.Add(model);
            }
            else if (catalog.ProblemOf(id) is { } problem)
            {
                throw new AnalysisRejectedException(AnalysisRejection.ModelUnavailable,
                    $"model '{id}' is in the models folder but not served: {problem.Reason}");
            }
            else
            {
                throw new AnalysisRejectedException(AnalysisRejection.UnknownModel,
                    $"model '{id}' is not in the catalog (served: {string.Join(", ", catalog.Models.Select(m => m.Manifest.Id).Order())})");
            }
        }

        return selected;
    }

    private async Task<(ModelRun Run, IReadOnlyList<Finding> Findings)> RunAsync(
        CatalogModel model, ImageVolume volume, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var manifest = model.Manifest;
        var grid = Preprocessor.Prepare(volume, manifest);
        var outputs = await model.Runner.RunAsync(grid.Planes, grid.Height, grid.Width, cancellationToken);
        var findings = FindingDecoder.Decode(manifest, volume, grid, new PlaneOutputs(outputs));
        var elapsed = time.GetElapsedTime(started);
        metrics.RecordAnalysis(manifest.Id, elapsed);
        return (new ModelRun(manifest.Id, manifest.Version, volume.SeriesInstanceUid, volume.Modality, volume.Depth,
            findings.Count, Math.Round(elapsed.TotalMilliseconds, 1)), findings);
    }
}
