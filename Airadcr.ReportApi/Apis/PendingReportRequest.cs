using System.Text.Json;
using Airadcr.ReportApi.Domain;

namespace Airadcr.ReportApi.Apis;

/// <summary>
/// The body of POST /pending-report, validated field by field so each error names its field.
/// Also documents the body in the OpenAPI description.
/// </summary>
public sealed record PendingReportRequest(
    string TechnicalId,
    JsonElement Structured,
    string? PatientId = null,
    string? ExamUid = null,
    string? AccessionNumber = null,
    string? StudyInstanceUid = null,
    string? SourceType = null,
    IReadOnlyList<string>? AiModules = null,
    string? Modality = null,
    JsonElement? Metadata = null,
    int? ExpiresInHours = null)
{
    public const int MinExpiresInHours = 1;
    public const int MaxExpiresInHours = 720;

    public static (ReportContent? Content, ApiError? Error) Parse(JsonElement body, int defaultExpiresInHours)
    {
        if (!body.TryGetProperty("technical_id", out var tidElement) || tidElement.ValueKind == JsonValueKind.Null)
        {
            return Fail("technical_id is required", "technical_id");
        }

        if (tidElement.ValueKind != JsonValueKind.String)
        {
            return Fail("technical_id must be a string", "technical_id");
        }

        var technicalId = tidElement.GetString();
        if (Domain.TechnicalId.Validate(technicalId) is { } tidError)
        {
            return Fail(tidError, "technical_id");
        }

        if (!body.TryGetProperty("structured", out var structured) || structured.ValueKind == JsonValueKind.Null)
        {
            return Fail("structured is required", "structured");
        }

        if (structured.ValueKind != JsonValueKind.Object)
        {
            return Fail("structured must be an object", "structured");
        }

        var errors = new FieldReader(body);
        var content = new ReportContent(
            technicalId!,
            errors.OptionalString("patient_id"),
            errors.OptionalString("exam_uid"),
            errors.OptionalString("accession_number"),
            errors.OptionalString("study_instance_uid"),
            structured.Clone(),
            errors.OptionalString("source_type") ?? ReportContent.DefaultSourceType,
            errors.OptionalStringArray("ai_modules"),
            errors.OptionalString("modality"),
            errors.OptionalObject("metadata"),
            errors.OptionalHours("expires_in_hours") ?? defaultExpiresInHours);
        return errors.Error is { } error ? (null, error) : (content, null);
    }

    private static (ReportContent?, ApiError?) Fail(string message, string field) => (null, new ApiError(message, field));

    /// <summary>Reads optional fields, keeping the first type error.</summary>
    private sealed class FieldReader(JsonElement body)
    {
        public ApiError? Error { get; private set; }

        public string? OptionalString(string name) =>
            Get(name, JsonValueKind.String, "a string") is { } value ? value.GetString() : null;

        public JsonElement? OptionalObject(string name) =>
            Get(name, JsonValueKind.Object, "an object") is { } value ? value.Clone() : null;

        public IReadOnlyList<string>? OptionalStringArray(string name)
        {
            if (Get(name, JsonValueKind.Array, "an array of strings") is not { } array)
            {
                return null;
            }

            var items = new List<string>();
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    Fail(name, "an array of strings");
                    return null;
                }

                items.Add(item.GetString()!);
            }

            return items;
        }

        public int? OptionalHours(string name)
        {
            if (Get(name, JsonValueKind.Number, "an integer") is not { } value)
            {
                return null;
            }

            if (!value.TryGetInt32(out var hours))
            {
                Fail(name, "an integer");
                return null;
            }

            if (hours is < MinExpiresInHours or > MaxExpiresInHours)
            {
                Error ??= new ApiError($"{name} must be between {MinExpiresInHours} and {MaxExpiresInHours}", name);
                return null;
            }

            return hours;
        }

        private JsonElement? Get(string name, JsonValueKind kind, string description)
        {
            if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != kind)
            {
                Fail(name, description);
                return null;
            }

            return value;
        }

        private void Fail(string name, string description) => Error ??= new ApiError($"{name} must be {description}", name);
    }
}
