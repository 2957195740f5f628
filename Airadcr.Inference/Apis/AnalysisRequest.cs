namespace Airadcr.Inference.Apis;

/// <summary>
/// JSON body of <c>POST /v1/analyses</c>: a study the gateway holds, and optionally the models to run (default: every
/// served model that accepts a series' modality).
/// </summary>
public sealed record AnalysisRequest(string? StudyInstanceUid, IReadOnlyList<string>? Models);
