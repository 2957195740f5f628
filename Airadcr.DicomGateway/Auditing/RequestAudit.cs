using System.Net;
using Airadcr.Audit;
using Airadcr.DicomGateway.Apis;
using Airadcr.DicomGateway.RtStruct;
using Airadcr.DicomGateway.Stow;

namespace Airadcr.DicomGateway.Auditing;

/// <summary>
/// HTTP calls in the gateway's audit chain, once answered: every <c>/studies</c> call (the inference service fetching
/// a study's instances, the Web's thumbnails and signed reports) with the study's keyed hash, and every admin call
/// that changes something (not <c>GET</c>) or verifies the chain. Who: <c>admin-key</c> when the admin key was
/// accepted, else the caller's address. Every <c>/admin/rtstruct</c> call (downloads included) is audited with the
/// set's study, which its handler leaves in <see cref="RtStructApi.AuditStudyItem"/>; every STOW-RS
/// request (<c>/dicom-web</c>), its actor naming the uploader the Web passes in <see cref="StowApi.UploaderHeader"/>. The action is the route template (UIDs never in clear); the status is the
/// detail. Queued: no answer waits.
/// </summary>
public static class RequestAudit
{
    public static WebApplication UseRequestAudit(this WebApplication app)
    {
        app.UseRequestAudit(Describe);
        return app;
    }

    private static AuditEvent? Describe(HttpContext context, RouteEndpoint endpoint)
    {
        var path = context.Request.Path;
        var audited = path.StartsWithSegments("/studies", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/admin/rtstruct", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/dicom-web", StringComparison.OrdinalIgnoreCase)
            || (path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
                && (!HttpMethods.IsGet(context.Request.Method) || path.StartsWithSegments("/admin/audit", StringComparison.OrdinalIgnoreCase)));
        if (!audited)
        {
            return null;
        }
        var study = context.Request.RouteValues["studyUid"] as string ?? context.Items[RtStructApi.AuditStudyItem] as string;
        return new AuditEvent(
            Actor(context),
            RequestAuditMiddleware.Action(context, endpoint),
            study is null ? null : context.RequestServices.GetRequiredService<AuditSubjects>().Study(study),
            RequestAuditMiddleware.Status(context));
    }

    private static string Actor(HttpContext context) =>
        context.Request.Headers[AdminKeyRequirement.HeaderName].Count > 0 && context.Response.StatusCode is not (401 or 403)
            ? context.Request.Headers[StowApi.UploaderHeader] is [{ Length: > 0 } uploader] ? $"admin-key:{uploader[..Math.Min(uploader.Length, 64)]}" : "admin-key"
            : "http:" + (context.Connection.RemoteIpAddress is { } ip ? (IPAddress.IsLoopback(ip) ? "loopback" : ip.ToString()) : "unknown");
}
