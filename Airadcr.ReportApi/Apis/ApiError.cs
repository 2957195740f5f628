using System.Text.Json.Serialization;

namespace Airadcr.ReportApi.Apis;

/// <summary>The spec's error shape: <c>{"error": "...", "field": "..."}</c> (plus <c>"success": false</c>, which the spec's clients read).</summary>
public sealed record ApiError(string Error, string? Field = null)
{
    [JsonPropertyOrder(-1)]
    public bool Success => false;

    public static JsonHttpResult<ApiError> Respond(int statusCode, string error, string? field = null) =>
        TypedResults.Json(new ApiError(error, field), statusCode: statusCode);
}
