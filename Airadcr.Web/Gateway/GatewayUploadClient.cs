using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Airadcr.Web.Gateway;

/// <summary>
/// The gateway's STOW-RS (<c>POST /dicom-web/studies</c>, admin key) for the Web's uploads: streamed parts, no retries
/// and no total timeout (a body cannot be sent twice; the gateway answers per part). The uploader's name goes in
/// <c>X-Airadcr-Uploader</c>: the gateway records it with each instance and in its audit.
/// </summary>
public sealed class GatewayUploadClient(HttpClient http)
{
    public const string UploaderHeader = "X-Airadcr-Uploader";

    /// <summary>One part's outcome as the gateway reports it (<c>stored</c>, <c>duplicate</c>, <c>rejected</c>).</summary>
    public sealed record PartResult(int Part, string Outcome, string? SopInstanceUid, string? StudyInstanceUid, string? SeriesInstanceUid, string? Reason);

    private sealed record StowAnswer(List<PartResult> Results);

    /// <summary>Stores the parts (Part 10 contents, read once); the result of each, in order.</summary>
    public async Task<IReadOnlyList<PartResult>> StoreAsync(IReadOnlyList<HttpContent> parts, string uploader, CancellationToken cancellationToken)
    {
        using var body = new MultipartContent("related", "airadcr-upload-" + Guid.NewGuid().ToString("N"));
        body.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("type", "\"application/dicom\""));
        foreach (var part in parts)
        {
            part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            body.Add(part);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "dicom-web/studies") { Content = body };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Add(UploaderHeader, uploader);
        using var response = await http.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode is not (200 or 202 or 409))
        {
            throw new HttpRequestException($"gateway STOW-RS answered {(int)response.StatusCode}", null, response.StatusCode);
        }
        var answer = await response.Content.ReadFromJsonAsync<StowAnswer>(cancellationToken);
        return answer?.Results is { Count: > 0 } results && results.Count == parts.Count
            ? results
            : throw new HttpRequestException($"gateway STOW-RS answered {answer?.Results.Count ?? 0} results for {parts.Count} parts");
    }
}
