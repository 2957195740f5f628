using Airadcr.Web.Audit;
using Airadcr.Web.Gateway;
using Airadcr.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Airadcr.Web.Apis;

/// <summary>
/// GET /structure-sets/{set}/files/{**file}: a structure set's result file (summary.json, NIfTI mask, STL mesh)
/// streamed from the gateway (its admin key stays server-side). Reviewers only; each download audited with the set's
/// study as keyed subject. The set is named by its opaque id: no UID in the URL.
/// </summary>
public static class StructureSetFilesApi
{
    public const string DownloadAction = "download-structure-set-file";

    public static string FileUrl(string setId, string file) =>
        $"/structure-sets/{setId}/files/{string.Join('/', file.Split('/').Select(Uri.EscapeDataString))}";

    public static IEndpointRouteBuilder MapStructureSetFilesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/structure-sets/{setId}/files/{**file}", DownloadAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = WebRoles.Reviewers })
            .WithSummary("A structure set's result file, from the gateway").WithTags("Structure sets");
        return app;
    }

    private static async Task<Results<FileStreamHttpResult, NotFound, ProblemHttpResult>> DownloadAsync(string setId, string file,
        HttpContext context, GatewayClient gateway, AuditLog audit)
    {
        var ct = context.RequestAborted;
        try
        {
            if (await gateway.GetStructureSetAsync(setId, ct) is not { } set
                || await gateway.OpenStructureSetFileAsync(setId, file, ct) is not { } response)
            {
                return TypedResults.NotFound();
            }
            context.Response.RegisterForDispose(response);
            audit.RecordStudyAccess(context.User.Identity?.Name ?? "?", DownloadAction, set.Status.StudyInstanceUid,
                $"set {setId}, {Path.GetExtension(file).TrimStart('.')}");
            return TypedResults.Stream(await response.Content.ReadAsStreamAsync(ct),
                response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream", Path.GetFileName(file));
        }
        catch (HttpRequestException)
        {
            return TypedResults.Problem("the gateway is unavailable", statusCode: StatusCodes.Status502BadGateway, title: "Gateway unavailable");
        }
    }
}
