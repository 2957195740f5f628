using Airadcr.Inference.Engine.Runtime;

namespace Airadcr.Inference.Engine.Catalog;

/// <summary>A model that loaded and warmed: its manifest and the runner that batches its planes.</summary>
public sealed record CatalogModel(ModelManifest Manifest, BatchingModelRunner Runner)
{
    public bool Accepts(string modality) => Manifest.Modalities.Contains(modality, StringComparer.OrdinalIgnoreCase);
}

/// <summary>A manifest or model that could not be served, and why.</summary>
public sealed record CatalogProblem(string File, string? ModelId, string Reason);
