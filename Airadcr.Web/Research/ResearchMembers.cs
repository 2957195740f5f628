using Airadcr.Web.Data;
using Airadcr.Web.Identity;
using Microsoft.AspNetCore.Identity;

namespace Airadcr.Web.Research;

/// <summary>
/// The Web accounts an admin may make members of a project (those with the researcher role), and the names behind
/// the account ids the gateway's member lists hold.
/// </summary>
public sealed class ResearchMembers(UserManager<WebUser> users)
{
    public async Task<Directory> DirectoryAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var researchers = await users.GetUsersInRoleAsync(WebRoles.Researcher);
        return new Directory([.. researchers.OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase).Select(u => new Member(u.Id, u.UserName ?? u.Id))]);
    }

    public sealed record Member(string Id, string UserName);

    /// <summary>The researchers, by user name.</summary>
    public sealed record Directory(IReadOnlyList<Member> Researchers)
    {
        public static readonly Directory Empty = new([]);

        /// <summary>The user name of an account id (the id itself when the account no longer is a researcher).</summary>
        public string NameOf(string id) => Researchers.FirstOrDefault(m => m.Id == id)?.UserName ?? id;
    }
}
