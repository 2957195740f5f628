namespace Airadcr.Inference.Engine.Analysis;

/// <summary>Why an analysis request cannot be served; each maps to one HTTP status in the service.</summary>
public enum AnalysisRejection
{
    /// <summary>No instance, or none with pixel data.</summary>
    EmptyStudy,

    /// <summary>A requested model id is not in the catalog.</summary>
    UnknownModel,

    /// <summary>A requested model is in the models folder but could not be loaded (catalog error).</summary>
    ModelUnavailable,

    /// <summary>No requested (or no served) model accepts the study's modalities.</summary>
    WrongModality,

    /// <summary>An instance is not DICOM, or its pixel data cannot be decoded.</summary>
    NotDecodable,

    /// <summary>The study reference does not resolve.</summary>
    StudyNotFound,

    /// <summary>The request itself is malformed.</summary>
    InvalidRequest,
}

public sealed class AnalysisRejectedException(AnalysisRejection rejection, string reason, Exception? inner = null)
    : Exception(reason, inner)
{
    public AnalysisRejection Rejection { get; } = rejection;
}
