using Airadcr.Inference.Engine.Findings;

namespace Airadcr.Inference.Engine.Analysis;

/// <summary>The findings of every applicable model over every series of a study.</summary>
public sealed record AnalysisResult(
    string StudyInstanceUid,
    IReadOnlyList<ModelRun> Runs,
    IReadOnlyList<Finding> Findings,
    double ProcessingTimeMs);

/// <summary>One model over one series: how many planes and how long (pre-processing, inference, decoding).</summary>
public sealed record ModelRun(
    string ModelId,
    string ModelVersion,
    string SeriesInstanceUid,
    string Modality,
    int Planes,
    int FindingCount,
    double ProcessingTimeMs);
