using System.Net.Http.Json;

namespace Airadcr.DicomGateway.Analysis;

/// <summary>
/// Asks the inference service (<c>http://inference</c> through service discovery, or <c>Gateway:InferenceUrl</c>) to
/// analyse a study it fetches from this gateway.
/// </summary>
public sealed class InferenceClient(HttpClient http)
{
    public async Task<StudyFindings> AnalyzeAsync(string studyInstanceUid, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("v1/analyses", new { studyInstanceUid }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"inference answered {(int)response.StatusCode}: {problem}", null, response.StatusCode);
        }
        return await response.Content.ReadFromJsonAsync<StudyFindings>(cancellationToken)
            ?? throw new HttpRequestException("inference answered an empty body");
    }
}
