using Airadcr.Inference.Engine.Analysis;
using Airadcr.Inference.Engine.Runtime;
using Microsoft.AspNetCore.Mvc;

namespace Airadcr.Inference.Apis;

/// <summary>How refused analyses look on the wire: RFC 9457 problem details with a stable <c>code</c>.</summary>
public static class AnalysisProblems
{
    public static ProblemDetails From(AnalysisRejectedException e)
    {
        var (status, code, title) = e.Rejection switch
        {
            AnalysisRejection.InvalidRequest => (StatusCodes.Status400BadRequest, "invalid-request", "The request is not valid"),
            AnalysisRejection.StudyNotFound => (StatusCodes.Status404NotFound, "study-not-found", "The study was not found"),
            AnalysisRejection.EmptyStudy => (StatusCodes.Status422UnprocessableEntity, "empty-study", "The study has no image"),
            AnalysisRejection.UnknownModel => (StatusCodes.Status422UnprocessableEntity, "unknown-model", "A requested model is not in the catalog"),
            AnalysisRejection.ModelUnavailable => (StatusCodes.Status422UnprocessableEntity, "model-unavailable", "A requested model could not be loaded"),
            AnalysisRejection.WrongModality => (StatusCodes.Status422UnprocessableEntity, "wrong-modality", "No model accepts the study's modality"),
            AnalysisRejection.NotDecodable => (StatusCodes.Status422UnprocessableEntity, "not-decodable", "An instance cannot be decoded"),
            _ => (StatusCodes.Status422UnprocessableEntity, "rejected", "The analysis was refused"),
        };
        return Problem(status, code, title, e.Message);
    }

    public static ProblemDetails From(InferenceQueueFullException e) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "queue-full", "The inference queue is full", e.Message);

    public static ProblemDetails UnsupportedMediaType(string? contentType) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported content type",
            $"'{contentType}' is neither application/json (study reference) nor multipart/form-data (DICOM instances)");

    private static ProblemDetails Problem(int status, string code, string title, string detail) => new()
    {
        Status = status,
        Type = "urn:airadcr:inference:" + code,
        Title = title,
        Detail = detail,
        Extensions = { ["code"] = code },
    };
}
