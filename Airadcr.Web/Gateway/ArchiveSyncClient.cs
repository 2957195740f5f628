using System.Globalization;
using System.Net.Http.Json;

namespace Airadcr.Web.Gateway;

/// <summary>
/// The gateway's comparison and synchronisation between archives (<c>/admin/archives/compare</c>,
/// <c>/admin/archives/sync</c>; Airadcr.DicomGateway/README.md). Identifiers travel in bodies, never in URLs.
/// </summary>
public sealed class ArchiveSyncClient(HttpClient http)
{
    public sealed record ArchiveSummary(string ArchiveId, string Status, string? Error, int Studies, int Series, int Instances);

    public sealed record StudyCounts(int Series, int Instances, int MissingInstances);

    public sealed record AttributeDifference(string Attribute, Dictionary<string, string> Values);

    public sealed record StudyComparison(string StudyInstanceUid, Dictionary<string, StudyCounts> Counts, List<string> MissingIn,
        List<AttributeDifference> Differences);

    public sealed record PersonSeen(string ArchiveId, string PatientName, string BirthDate, string Sex);

    public sealed record PatientCollision(string PatientId, List<PersonSeen> People);

    public sealed record Comparison(string Scope, string? Value, List<ArchiveSummary> Archives, List<StudyComparison> Studies,
        List<PatientCollision> Collisions, bool Collision);

    public sealed record SyncCounts(int Pending, int Copied, int Failed, int Skipped, int Total);

    public sealed record SyncJob(long JobId, string Source, string Destination, string Method, string Conflict, string Scope, string State,
        string RequestedBy, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, SyncCounts Counts);

    public sealed record SyncItem(string SopInstanceUid, string StudyInstanceUid, string SeriesInstanceUid, string State, string? Error);

    public sealed record SyncJobDetail(SyncJob Job, List<SyncItem> Items);

    private sealed record Queued(List<long> JobIds);

    /// <summary>POST /admin/archives/compare for a patient (or, with <paramref name="byStudy"/>, a study).</summary>
    public async Task<Comparison> CompareAsync(IReadOnlyList<string> archives, string key, bool byStudy, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("admin/archives/compare", Body(archives, key, byStudy), cancellationToken);
        await GatewayClient.EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<Comparison>(cancellationToken) ?? throw new HttpRequestException("gateway: empty comparison");
    }

    /// <summary>POST /admin/archives/sync for a whole comparison (each archive gets what the others hold); returns the job ids.</summary>
    public async Task<IReadOnlyList<long>> SyncAsync(IReadOnlyList<string> archives, string key, bool byStudy, string conflict,
        CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("admin/archives/sync",
            new { archives, patientId = byStudy ? null : key, studyInstanceUid = byStudy ? key : null, conflict }, cancellationToken);
        await GatewayClient.EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<Queued>(cancellationToken))?.JobIds ?? [];
    }

    public async Task<IReadOnlyList<SyncJob>> ListJobsAsync(int limit, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<List<SyncJob>>("admin/archives/sync/jobs?limit=" + limit.ToString(CultureInfo.InvariantCulture), cancellationToken) ?? [];

    public Task<SyncJobDetail?> GetJobAsync(long id, CancellationToken cancellationToken) =>
        http.GetFromJsonAsync<SyncJobDetail>("admin/archives/sync/jobs/" + id.ToString(CultureInfo.InvariantCulture) + "?items=500", cancellationToken);

    public async Task CancelAsync(long id, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync("admin/archives/sync/jobs/" + id.ToString(CultureInfo.InvariantCulture) + "/cancel", null, cancellationToken);
        await GatewayClient.EnsureSuccessAsync(response, cancellationToken);
    }

    private static object Body(IReadOnlyList<string> archives, string key, bool byStudy) =>
        new { archives, patientId = byStudy ? null : key, studyInstanceUid = byStudy ? key : null };
}
