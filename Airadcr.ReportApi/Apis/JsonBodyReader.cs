using System.Text.Json;

namespace Airadcr.ReportApi.Apis;

/// <summary>
/// Reads a JSON object body: over 1 MiB is 413, malformed or nested deeper than <see cref="MaxDepth"/> is 400,
/// always with the spec's error shape.
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
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return (document, null);
            }

            document.Dispose();
            return (null, ApiError.Respond(StatusCodes.Status400BadRequest, "Request body must be a JSON object"));
        }
        catch (JsonException e)
        {
            return (null, ApiError.Respond(StatusCodes.Status400BadRequest, $"Invalid JSON body: {e.Message}"));
        }
    }

    private static JsonHttpResult<ApiError> TooLarge() =>
        ApiError.Respond(StatusCodes.Status413PayloadTooLarge, $"Request body exceeds {MaxBodyBytes} bytes");
}
