using Airadcr.Web.Apis;
using Airadcr.Web.Identity;
using Airadcr.Web.Research;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;

namespace Airadcr.Web.Viewer;

/// <summary>
/// GET /viewer/{**path}: the prebuilt OHIF viewer (reviewers and researchers: the files hold no data), its files from
/// <see cref="ViewerOptions.Path"/>, our <c>app-config.js</c> generated for the user (reviewers: the Orthanc source;
/// researchers: their projects' de-identified sources), and index.html for every other path (SPA fallback: OHIF
/// routes such as <c>/viewer/viewer?StudyInstanceUIDs=</c> are its own). What a user may read is decided by the
/// proxies behind the sources, on every request.
/// </summary>
public static class ViewerApi
{
    public const string NotInstalled = "viewer not installed: run eng/fetch-ohif.sh";
    public const string ViewersPolicy = "viewers";
    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();

    public static IEndpointRouteBuilder MapViewer(this IEndpointRouteBuilder app)
    {
        var viewer = app.MapGroup(ViewerConfig.BasePath)
            .RequireAuthorization(ViewersPolicy)
            .AddEndpointFilter(async (context, next) =>
            {
                // Cross-origin isolation: OHIF's volume rendering needs SharedArrayBuffer.
                var headers = context.HttpContext.Response.Headers;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Embedder-Policy"] = "require-corp";
                var policy = context.HttpContext.RequestServices.GetRequiredService<ViewerContentSecurityPolicy>();
                var script = context.HttpContext.Request.Path.Value?.EndsWith(".js", StringComparison.OrdinalIgnoreCase) == true;
                headers.ContentSecurityPolicy = script ? policy.ForScript : policy.ForPage;
                return await next(context);
            });
        viewer.MapGet("/app-config.js", AppConfigAsync);
        viewer.MapGet("/", ServeFile);
        viewer.MapGet("/{**path}", ServeFile);
        return app;
    }

    /// <summary>The user's data sources: Orthanc for reviewers (storing measurements for radiologists), then one per research project the user is a member of.</summary>
    private static async Task<ContentHttpResult> AppConfigAsync(HttpContext context, ResearchAccess research)
    {
        var user = context.User;
        var sources = new List<ViewerDataSource>();
        if (user.IsInRole(WebRoles.Radiologist) || user.IsInRole(WebRoles.Admin))
        {
            // Radiologists save their measurements into the study (POST /dicom-web/studies, MeasurementStowApi).
            sources.Add(ViewerConfig.Orthanc with { SupportsStow = user.IsInRole(WebRoles.Radiologist) });
        }
        try
        {
            sources.AddRange((await research.ProjectsOfMemberAsync(user, context.RequestAborted))
                .Select(p => ViewerDataSource.ForResearchProject(p.Id, p.Name, ResearchApi.DicomWebRoot(p.Id))));
        }
        catch (HttpRequestException)
        {
            // Gateway unavailable: no research source this time (its proxy would refuse anyway).
        }
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Text(ViewerConfig.AppConfigJs(sources), "text/javascript; charset=utf-8");
    }

    private static Results<PhysicalFileHttpResult, ContentHttpResult> ServeFile(string? path, IOptions<ViewerOptions> options, HttpContext context)
    {
        var root = Path.GetFullPath(options.Value.ResolvePath());
        var index = Path.Combine(root, "index.html");
        if (Resolve(root, path) is null)
        {
            StudyAccessAudit.ViewerOpened(context); // the page (an OHIF route), not one of its files
        }
        if (!File.Exists(index))
        {
            return TypedResults.Content(NotInstalled, "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var file = Resolve(root, path) ?? index;
        ContentTypes.TryGetContentType(file, out var contentType);
        return TypedResults.PhysicalFile(file, contentType ?? "application/octet-stream", enableRangeProcessing: true);
    }

    /// <summary>The file under <paramref name="root"/> that <paramref name="path"/> names, or null (absent, or outside the root).</summary>
    internal static string? Resolve(string root, string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }
        var full = Path.GetFullPath(Path.Combine(root, path));
        var inside = full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside && File.Exists(full) ? full : null;
    }

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".wasm"] = "application/wasm";
        provider.Mappings[".mjs"] = "text/javascript";
        provider.Mappings[".jsonc"] = "application/json";
        provider.Mappings[".webapp"] = "application/x-web-app-manifest+json";
        return provider;
    }
}
