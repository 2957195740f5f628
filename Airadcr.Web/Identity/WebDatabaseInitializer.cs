using Airadcr.Audit.Storage;
using Airadcr.Web.Audit;
using Airadcr.Web.Configuration;
using Airadcr.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Airadcr.Web.Identity;

/// <summary>
/// Creates webdb and the roles at start-up and, when no admin exists yet, the first admin from
/// <c>Web:FirstAdmin</c> (environment <c>AIRADCR_WEB_ADMIN_USER</c> / <c>AIRADCR_WEB_ADMIN_PASSWORD</c>). There is no
/// default password: without that configuration no admin is created and start-up says so.
/// </summary>
public sealed partial class WebDatabaseInitializer(
    IServiceScopeFactory scopes, IOptions<FirstAdminOptions> firstAdmin, ILogger<WebDatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        await db.Database.EnsureCreatedAsync(cancellationToken);
        var imported = await LegacyAuditImport.RunAsync(db, scope.ServiceProvider.GetRequiredService<IAuditStore>(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken);
        if (imported > 0)
        {
            LegacyAuditImported(logger, imported);
        }

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in WebRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<WebUser>>();
        if ((await users.GetUsersInRoleAsync(WebRoles.Admin)).Count > 0)
        {
            return;
        }
        var (name, password) = (firstAdmin.Value.UserName, firstAdmin.Value.Password);
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(password))
        {
            NoAdmin(logger);
            return;
        }
        var admin = new WebUser { UserName = name, DisplayName = name, LockoutEnabled = true };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("The first admin could not be created: " +
                string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRolesAsync(admin, [WebRoles.Admin, WebRoles.Radiologist]);
        FirstAdminCreated(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "No admin account and no AIRADCR_WEB_ADMIN_USER/AIRADCR_WEB_ADMIN_PASSWORD: nobody can sign in yet")]
    private static partial void NoAdmin(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Count} entries of the former audit table moved into the audit chain")]
    private static partial void LegacyAuditImported(ILogger logger, int count);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "First admin account created from the environment")]
    private static partial void FirstAdminCreated(ILogger logger);
}
