using System.Text.Json;

namespace Airadcr.ReportApi.Apis;

/// <summary>
/// Reads a JSON object body: over 1 MiB is 413; malformed, nested deeper than <see cref="MaxDepth"/> or holding
/// text that is not UTF-8 (named by its top-level field) is 400, always with the spec's error shape.
/// </summary>
public static class JsonBodyReader
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxDepth = 32;

    public static async Task<(JsonDocument? Document, JsonHttpResult<ApiError>? Error)> ReadObjectAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, TooLarge());
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length),
                new JsonDocumentOptions { MaxDepth = MaxDepth });
            var error = document.RootElement.ValueKind != JsonValueKind.Object
                ? new ApiError("Request body must be a JSON object")
                : JsonTextCheck.Check(document.RootElement) switch
                {
                    (true, _) => null,
                    (false, { } field) => new ApiError($"{field} must be valid UTF-8", field),
                    (false, null) => new ApiError("Request body must be valid UTF-8"),
                };
            if (error is null)
            {
                return (document, null);
            }

            document.Dispose();
            return (null, TypedResults.Json(error, statusCode: StatusCodes.Status400BadRequest));
        }
        catch (JsonException e)
        {
            return (null, ApiError.Respond(StatusCodes.Status400BadRequest, $"Invalid JSON body: {WithoutPositions(e.Message)}"));
        }
    }

    /// <summary>The reader's description without its internals (" LineNumber: 0 | BytePositionInLine: 22.", " Path: $").</summary>
    private static string WithoutPositions(string message)
    {
        var end = message.Length;
        foreach (var marker in new[] { " LineNumber:", " Path:" })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            end = at >= 0 ? Math.Min(end, at) : end;
        }

        return message[..end].TrimEnd();
    }

    private static JsonHttpResult<ApiError> TooLarge() =>
        ApiError.Respond(StatusCodes.Status413PayloadTooLarge, $"Request body exceeds {MaxBodyBytes} bytes");
}
