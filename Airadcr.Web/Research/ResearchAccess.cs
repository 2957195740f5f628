using System.Security.Claims;
using Airadcr.Web.Identity;

namespace Airadcr.Web.Research;

/// <summary>
/// Who may see a project's de-identified data: a signed-in user with the researcher role whose account id is among
/// the project's members (as the gateway records them). Every research page and endpoint asks here, on the server,
/// for each request: a user removed from a project loses access at the next request.
/// </summary>
public sealed class ResearchAccess(ResearchClient research)
{
    /// <summary>The account id the gateway's member lists hold (Identity's user id, not the user name).</summary>
    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The project when <paramref name="user"/> is one of its researchers, else null (unknown, or not a member).</summary>
    public async Task<ResearchProject?> ProjectOfMemberAsync(ClaimsPrincipal user, string projectId, CancellationToken cancellationToken)
    {
        if (!ResearchIds.IsValid(projectId) || MemberId(user) is not { } id)
        {
            return null;
        }
        var project = await research.GetProjectAsync(projectId, cancellationToken);
        return project is not null && project.Members.Contains(id, StringComparer.Ordinal) ? project : null;
    }

    /// <summary>The projects <paramref name="user"/> is a researcher of.</summary>
    public async Task<IReadOnlyList<ResearchProject>> ProjectsOfMemberAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (MemberId(user) is not { } id)
        {
            return [];
        }
        var projects = await research.ListProjectsAsync(cancellationToken);
        return [.. projects.Where(p => p.Members.Contains(id, StringComparer.Ordinal))];
    }

    private static string? MemberId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.IsInRole(WebRoles.Researcher) ? UserId(user) : null;
}
