using Airadcr.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Airadcr.Web.Audit;

/// <summary>Records and lists audit entries (views, edits, signatures, key changes, sign-ins).</summary>
public sealed class AuditLog(IDbContextFactory<WebDbContext> contexts, TimeProvider time)
{
    public async Task RecordAsync(string actor, string action, string? target, string? detail, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = actor, Action = action, Target = target, Detail = detail });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> LatestAsync(string? action, int count, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(action))
        {
            entries = entries.Where(e => e.Action == action);
        }
        return await entries.OrderByDescending(e => e.Id).Take(count).ToListAsync(cancellationToken);
    }
}

/// <summary>Audit action names.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    public const string ViewReport = "view-report";
    public const string ViewWorklist = "view-worklist";
    public const string SaveDraft = "save-draft";
    public const string Sign = "sign";
    public const string PostApprovedReport = "post-approved-report";
    public const string DownloadPdf = "download-pdf";
    public const string CreateApiKey = "create-api-key";
    public const string RevokeApiKey = "revoke-api-key";
    public const string CreateUser = "create-user";
    public const string ChangeRoles = "change-roles";
    public const string ChangeAllowlist = "change-calling-aes";
    public const string RisNavigation = "ris-navigation";
    public const string CreateResearchProject = "create-research-project";
    public const string ChangeResearchMembers = "change-research-members";
    public const string RunResearchProject = "run-research-project";
    public const string DeleteResearchProject = "delete-research-project";
    public const string Reidentify = "reidentify";
    public const string ViewResearchProject = "view-research-project";
    public const string StartResearchExport = "start-research-export";
    public const string DownloadResearchExport = "download-research-export";
}
