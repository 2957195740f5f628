using Airadcr.Audit;
using Airadcr.ReportApi.Apis;
using Airadcr.ReportApi.Security;

namespace Airadcr.ReportApi.Auditing;

/// <summary>
/// Every API call (reads, writes, approvals, admin queries, key changes) appended to the ReportApi's audit chain once
/// answered: who by API key prefix (or <c>admin-key</c>), the endpoint's route template (never the query: it can hold a
/// patient id or an accession number), the report as the keyed hash of its technical id when the route or
/// <c>tid</c> names it, and the status. Queued: no answer waits for the audit, and no response changes.
/// </summary>
public static class RequestAudit
{
    private static readonly string[] Unaudited = ["/health", "/alive", "/ready", "/metrics", "/openapi", "/scalar"];

    public static WebApplication UseRequestAudit(this WebApplication app)
    {
        app.UseRequestAudit(Describe);
        return app;
    }

    private static AuditEvent? Describe(HttpContext context, RouteEndpoint endpoint)
    {
        if (Unaudited.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        var technicalId = context.Request.RouteValues["technical_id"] as string ?? context.Request.Query["tid"].ToString();
        return new AuditEvent(
            Actor(context),
            RequestAuditMiddleware.Action(context, endpoint),
            string.IsNullOrEmpty(technicalId) ? null : context.RequestServices.GetRequiredService<AuditSubjects>().Report(technicalId),
            RequestAuditMiddleware.Status(context));
    }

    private static string Actor(HttpContext context)
    {
        if (ApiKeyRequirement.IsAdmin(context))
        {
            return "admin-key";
        }
        var key = context.Request.Headers[ApiKeyRequirement.ApiKeyHeader].ToString();
        return ApiKeyFormat.IsWellFormed(key) ? AuditSubjects.ApiKey(ApiKeyFormat.PrefixOf(key))
            : key.Length > 0 ? "key:malformed" : "anonymous";
    }
}
