using System.Net;
using System.Net.Http.Json;
using Airadcr.Web.Gateway;

namespace Airadcr.Web.Research;

/// <summary>
/// The gateway's research API (<c>/admin/research/projects</c>, with the Web's <c>X-Admin-Key</c>). The Web calls it
/// on the server only, after checking who asks (<see cref="ResearchAccess"/>); the browser never sees the key.
/// </summary>
public sealed class ResearchClient(HttpClient http)
{
    private const string Projects = "admin/research/projects";

    public async Task<IReadOnlyList<ResearchProject>> ListProjectsAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<List<ResearchProject>>(Projects, cancellationToken) ?? [];

    /// <summary>The project, or null when the gateway does not know it.</summary>
    public async Task<ResearchProject?> GetProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(ProjectPath(projectId), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<ResearchProject>(cancellationToken);
    }

    public async Task<string> CreateProjectAsync(NewResearchProject project, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(Projects, project, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var created = await response.Content.ReadFromJsonAsync<CreatedResearchProject>(cancellationToken);
        return created?.Id ?? throw new HttpRequestException("gateway: project created without an id");
    }

    public async Task SetMembersAsync(string projectId, IReadOnlyList<string> members, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync(ProjectPath(projectId) + "/members", new ResearchMembersChange(members), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public async Task DeleteProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(ProjectPath(projectId), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>POST .../run: the gateway de-identifies the project's studies in the background (202).</summary>
    public async Task RunAsync(string projectId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(ProjectPath(projectId) + "/run", null, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public async Task<IReadOnlyList<ResearchStudy>> ListStudiesAsync(string projectId, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<List<ResearchStudy>>(ProjectPath(projectId) + "/studies", cancellationToken) ?? [];

    public async Task<string> StartExportAsync(string projectId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(ProjectPath(projectId) + "/exports", null, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var started = await response.Content.ReadFromJsonAsync<StartedExport>(cancellationToken);
        return started?.ExportId ?? throw new HttpRequestException("gateway: export started without an id");
    }

    public async Task<ResearchExport?> GetExportAsync(string projectId, string exportId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(ExportPath(projectId, exportId), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<ResearchExport>(cancellationToken);
    }

    /// <summary>POST .../reidentify: what one pseudonym stands for (the gateway records the actor and the reason).</summary>
    public async Task<Reidentification?> ReidentifyAsync(string projectId, ReidentificationRequest request, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(ProjectPath(projectId) + "/reidentify", request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<Reidentification>(cancellationToken);
    }

    /// <summary>The gateway path of a project (<paramref name="projectId"/> checked by <see cref="ResearchIds"/>).</summary>
    public static string ProjectPath(string projectId) =>
        ResearchIds.IsValid(projectId) ? Projects + "/" + projectId : throw new ArgumentException("invalid project id", nameof(projectId));

    public static string ExportPath(string projectId, string exportId) =>
        ResearchIds.IsValid(exportId) ? ProjectPath(projectId) + "/exports/" + exportId : throw new ArgumentException("invalid export id", nameof(exportId));

    private static Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        GatewayClient.EnsureSuccessAsync(response, cancellationToken);
}
