using System.Net;
using Airadcr.Inference.Engine.Analysis;
using Airadcr.Inference.Engine.Imaging;
using Microsoft.Extensions.Options;

namespace Airadcr.Inference.Studies;

/// <summary>
/// Fetches a study's instances from the DICOM gateway: <c>GET /studies/{study}/instances</c> lists them
/// (JSON array of objects with <c>sopInstanceUid</c>), <c>GET /studies/{study}/instances/{sop}</c> returns each
/// one's Part 10 bytes (<c>application/dicom</c>).
/// </summary>
public sealed class GatewayStudyClient(HttpClient http, IOptions<GatewayOptions> options)
{
    public async Task<IReadOnlyCollection<StoredInstance>> FetchAsync(string studyInstanceUid, CancellationToken cancellationToken)
    {
        var study = Uri.EscapeDataString(studyInstanceUid);
        using var response = await http.GetAsync($"studies/{study}/instances", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new AnalysisRejectedException(AnalysisRejection.StudyNotFound, "the gateway does not know the study");
        }

        response.EnsureSuccessStatusCode();
        var listed = await response.Content.ReadFromJsonAsync<List<GatewayInstance>>(cancellationToken) ?? [];
        var instances = new StoredInstance[listed.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, listed.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.ParallelDownloads, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var sop = listed[i].SopInstanceUid;
                var bytes = await http.GetByteArrayAsync($"studies/{study}/instances/{Uri.EscapeDataString(sop)}", ct);
                instances[i] = new StoredInstance(sop, bytes);
            });
        return instances;
    }

    private sealed record GatewayInstance(string SopInstanceUid);
}
