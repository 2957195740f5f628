using Airadcr.Web.Audit;
using Airadcr.Web.Identity;
using Airadcr.Web.Research;
using Airadcr.Web.Viewer;

namespace Airadcr.Web.Apis;

/// <summary>
/// A research project's data for its researchers, proxied to the gateway after a membership check on every request
/// (<see cref="ResearchAccess"/>; anybody else, an admin included, gets 404 whether or not the project exists):
/// <list type="bullet">
/// <item><c>GET /research/{projectId}/dicom-web/{**rest}</c>: read-only DICOMweb over the project's de-identified
/// copies (gateway <c>/admin/research/projects/{projectId}/dicom-web/{rest}</c>), OHIF's data source for the project;</item>
/// <item><c>GET /research/{projectId}/exports/{exportId}/file</c>: the export's ZIP, streamed, audited.</item>
/// </list>
/// </summary>
public static class ResearchApi
{
    public const string ResearchersPolicy = "researchers";
    public const string BasePath = "/research";
    private const string DicomWebSegment = "dicom-web";
    private const string ExportsSegment = "exports";

    /// <summary>The DICOMweb root OHIF uses for a project.</summary>
    public static string DicomWebRoot(string projectId) => $"{BasePath}/{projectId}/{DicomWebSegment}";

    /// <summary>Where a researcher downloads an export's ZIP.</summary>
    public static string ExportFile(string projectId, string exportId) => $"{BasePath}/{projectId}/{ExportsSegment}/{exportId}/file";

    public static IEndpointRouteBuilder MapResearchApi(this IEndpointRouteBuilder app)
    {
        var project = app.MapGroup(BasePath + "/{projectId}").RequireAuthorization(ResearchersPolicy);
        project.MapMethods("/" + DicomWebSegment + "/{**rest}", [HttpMethods.Get, HttpMethods.Head], ForwardDicomWebAsync);
        project.MapGet("/" + ExportsSegment + "/{exportId}/file", DownloadExportAsync);
        return app;
    }

    /// <summary>True for the paths scripts call (DICOMweb, export files): there a refusal is a status, not the sign-in page.</summary>
    public static bool IsScriptPath(PathString path)
    {
        if (!path.StartsWithSegments(BasePath, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return false;
        }
        var segments = rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return segments.Length >= 2 && (segments[1].Equals(DicomWebSegment, StringComparison.OrdinalIgnoreCase)
            || segments[1].Equals(ExportsSegment, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// True for what may follow a project's DICOMweb root: segments of letters, digits, '.', ',' and '-' (resources,
    /// UIDs, frame lists, tags), none of them '.' or '..' and nothing escaped, so the forwarded path cannot leave the
    /// project's root on the gateway (another project's data) whatever the gateway's own path handling does.
    /// </summary>
    internal static bool IsDicomWebRest(PathString rest) =>
        rest.Value is { Length: > 1 } value
        && value.Split('/', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } segments
        && value.Count(c => c == '/') == segments.Length
        && segments.All(segment => segment is not ("." or "..") && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or ',' or '-'));

    private static async Task ForwardDicomWebAsync(string projectId, HttpContext context, ResearchAccess access, ResearchForwarder forwarder)
    {
        if (await access.ProjectOfMemberAsync(context.User, projectId, context.RequestAborted) is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Request.Path.StartsWithSegments(DicomWebRoot(projectId), StringComparison.OrdinalIgnoreCase, out var rest);
        if (!IsDicomWebRest(rest))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        StudyAccessAudit.ProxyRequest(context);
        await forwarder.ForwardAsync(context, ResearchClient.ProjectPath(projectId) + "/" + DicomWebSegment + rest.Value,
            forwardedPrefix: context.Request.PathBase + DicomWebRoot(projectId));
    }

    private static async Task DownloadExportAsync(string projectId, string exportId, HttpContext context, ResearchAccess access,
        ResearchForwarder forwarder, AuditLog audit)
    {
        if (!ResearchIds.IsValid(exportId) || await access.ProjectOfMemberAsync(context.User, projectId, context.RequestAborted) is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await audit.RecordAsync(context.User.Identity?.Name ?? "?", AuditActions.DownloadResearchExport, projectId, exportId, context.RequestAborted);
        await forwarder.ForwardAsync(context, ResearchClient.ExportPath(projectId, exportId) + "/file", downloadName: $"research-{projectId}-{exportId}.zip");
    }
}
