using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Airadcr.Audit;

/// <summary>
/// One entry per answered HTTP request that a service chooses to audit: <c>describe</c> turns the request (its route
/// endpoint, after the answer) into an event, or null. Queued after the answer: no response changes and none waits.
/// </summary>
public static class RequestAuditMiddleware
{
    public static IApplicationBuilder UseRequestAudit(this IApplicationBuilder app, Func<HttpContext, RouteEndpoint, AuditEvent?> describe) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            finally
            {
                if (context.GetEndpoint() is RouteEndpoint endpoint && describe(context, endpoint) is { } audited)
                {
                    context.RequestServices.GetRequiredService<AuditTrail>().Record(audited);
                }
            }
        });

    /// <summary>The method and the route template (<c>GET /studies/{studyUid}/instances</c>): identifiers never in clear, no query.</summary>
    public static string Action(HttpContext context, RouteEndpoint endpoint) =>
        $"{context.Request.Method} /{endpoint.RoutePattern.RawText?.Trim('/')}";

    /// <summary>The answer's status code, the entry's detail.</summary>
    public static string Status(HttpContext context) =>
        context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
