using System.Net.Http.Json;

namespace Airadcr.Web.Gateway;

/// <summary>An archive as the gateway's registry lists it (credentials never included).</summary>
public sealed record ArchiveView(string Id, string Name, string AeTitle, string Host, int Port, string? DicomWebBaseUrl, string Role, bool Enabled,
    bool HasCredentials);

/// <summary>An archive as the admin edits it; credentials are write-only (set with both, cleared, or left as they are).</summary>
public sealed record ArchiveEdit(string Name, string AeTitle, string Host, int Port, string? DicomWebBaseUrl, string Role, bool Enabled,
    string? UserName = null, string? Password = null, bool ClearCredentials = false);

/// <summary>One check of an archive test (C-ECHO or QIDO-RS).</summary>
public sealed record ProbeView(bool Ok, double ElapsedMs, double? RoundTripMs, string Detail);

public sealed record ArchiveTestView(string ArchiveId, bool Ok, ProbeView Echo, ProbeView? Qido);

/// <summary>Federated search criteria (sent in a POST body, never in a URL).</summary>
public sealed record StudySearch(string? PatientName, string? PatientId, string? AccessionNumber, string? StudyDateFrom, string? StudyDateTo,
    string? ModalitiesInStudy, int Page = 1, int PageSize = 25);

public sealed record StudyAttributes(string StudyInstanceUid, string? PatientName, string? PatientId, string? AccessionNumber, string? StudyDate,
    string? StudyDescription, string? ModalitiesInStudy, int? NumberOfStudyRelatedInstances);

/// <summary>A merged study: per archive id, held (true), not held (false) or unknown (null: that archive did not answer completely).</summary>
public sealed record FederatedStudyView(StudyAttributes Attributes, IReadOnlyDictionary<string, bool?> Presence, IReadOnlyList<string> Conflicts);

/// <summary>One archive's part of a search: <c>ok</c>, <c>failed</c> or <c>timeout</c>, with its time and match count.</summary>
public sealed record ArchiveOutcomeView(string Id, string Name, string Role, string Status, string? Reason, long ElapsedMs, int Count, bool Partial,
    string Via);

public sealed record FederatedSearchView(IReadOnlyList<FederatedStudyView> Studies, int Total, int Page, int PageSize,
    IReadOnlyList<ArchiveOutcomeView> Archives);

/// <summary>
/// The gateway's archives registry and federated search (<c>/admin/archives</c>, admin key), for the admin pages. The
/// signed-in admin is named in <c>X-Airadcr-Actor</c> so that the gateway's audit chain says who changed or searched.
/// </summary>
public sealed class ArchivesClient(HttpClient http)
{
    public const string ActorHeader = "X-Airadcr-Actor";

    public async Task<IReadOnlyList<ArchiveView>> ListAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<List<ArchiveView>>("admin/archives", cancellationToken) ?? [];

    public Task AddAsync(ArchiveEdit archive, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(HttpMethod.Post, "admin/archives", archive, actor, cancellationToken);

    public Task UpdateAsync(string id, ArchiveEdit archive, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(HttpMethod.Put, "admin/archives/" + Uri.EscapeDataString(id), archive, actor, cancellationToken);

    public Task SetEnabledAsync(string id, bool enabled, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(HttpMethod.Put, $"admin/archives/{Uri.EscapeDataString(id)}/enabled", new { enabled }, actor, cancellationToken);

    public Task DeleteAsync(string id, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(HttpMethod.Delete, "admin/archives/" + Uri.EscapeDataString(id), null, actor, cancellationToken);

    public async Task<ArchiveTestView> TestAsync(string id, string actor, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, $"admin/archives/{Uri.EscapeDataString(id)}/test", null, actor, cancellationToken);
        return await response.Content.ReadFromJsonAsync<ArchiveTestView>(cancellationToken) ?? throw new HttpRequestException("gateway: empty test answer");
    }

    public async Task<FederatedSearchView> SearchAsync(StudySearch search, string actor, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "admin/archives/search", search, actor, cancellationToken);
        return await response.Content.ReadFromJsonAsync<FederatedSearchView>(cancellationToken) ?? throw new HttpRequestException("gateway: empty search answer");
    }

    private async Task ChangeAsync(HttpMethod method, string path, object? body, string actor, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, body, actor, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string actor, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(ActorHeader, actor);
        var response = await http.SendAsync(request, cancellationToken);
        try
        {
            await GatewayClient.EnsureSuccessAsync(response, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
