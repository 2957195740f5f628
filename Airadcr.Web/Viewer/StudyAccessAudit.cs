using System.Text;
using Airadcr.Web.Audit;

namespace Airadcr.Web.Viewer;

/// <summary>
/// Audits access to images: the viewer page opened on studies (<c>StudyInstanceUIDs=</c>) and each DICOMweb / WADO
/// request the proxy forwards, with its study as a keyed hash and the request's shape with every UID replaced by
/// <c>{uid}</c> and no query (a QIDO query can hold a patient's name or id). Queued: the request does not wait.
/// </summary>
public static class StudyAccessAudit
{
    public static void ViewerOpened(HttpContext context)
    {
        var log = context.RequestServices.GetRequiredService<AuditLog>();
        var studies = context.Request.Query["StudyInstanceUIDs"].ToString()
            .Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var study in studies.Length == 0 ? [null] : studies.Select(s => (string?)s))
        {
            log.RecordStudyAccess(Actor(context), AuditActions.OpenViewer, study, null);
        }
    }

    public static void ProxyRequest(HttpContext context) =>
        context.RequestServices.GetRequiredService<AuditLog>()
            .RecordStudyAccess(Actor(context), AuditActions.DicomWebRequest, StudyOf(context.Request), Shape(context.Request));

    /// <summary>The study a request is about: <c>/studies/{uid}</c> in its path, else WADO-URI's <c>studyUID</c> or QIDO's <c>StudyInstanceUID</c>.</summary>
    internal static string? StudyOf(HttpRequest request)
    {
        var segments = (request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < segments.Length; i++)
        {
            if (segments[i].Equals("studies", StringComparison.OrdinalIgnoreCase))
            {
                return Uri.UnescapeDataString(segments[i + 1]);
            }
        }
        foreach (var name in new[] { "studyUID", "StudyInstanceUID", "0020000D" })
        {
            if (request.Query[name].ToString() is { Length: > 0 } value)
            {
                return value;
            }
        }
        return null;
    }

    /// <summary><c>GET /dicom-web/studies/{uid}/series/{uid}/metadata</c>: method and path, UIDs and query left out.</summary>
    internal static string Shape(HttpRequest request)
    {
        var shape = new StringBuilder(request.Method).Append(' ');
        foreach (var segment in (request.PathBase + request.Path).Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [])
        {
            shape.Append('/').Append(segment.Any(char.IsDigit) ? "{uid}" : segment);
        }
        return shape.ToString();
    }

    private static string Actor(HttpContext context) => context.User.Identity?.Name ?? "?";
}
