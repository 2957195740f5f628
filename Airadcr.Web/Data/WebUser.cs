using Microsoft.AspNetCore.Identity;

namespace Airadcr.Web.Data;

/// <summary>A local account of the dashboard.</summary>
public sealed class WebUser : IdentityUser
{
    public string? DisplayName { get; set; }
}
