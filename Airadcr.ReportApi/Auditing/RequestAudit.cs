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
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            finally
            {
                Record(context);
            }
        });
        return app;
    }

    private static void Record(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint endpoint
            || Unaudited.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }
        var services = context.RequestServices;
        var technicalId = context.Request.RouteValues["technical_id"] as string ?? context.Request.Query["tid"].ToString();
        services.GetRequiredService<AuditTrail>().Record(new AuditEvent(
            Actor(context),
            $"{context.Request.Method} /{endpoint.RoutePattern.RawText?.Trim('/')}",
            string.IsNullOrEmpty(technicalId) ? null : services.GetRequiredService<AuditSubjects>().Report(technicalId),
            context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
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
