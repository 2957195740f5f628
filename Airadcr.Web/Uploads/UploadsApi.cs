using Airadcr.Web.Audit;
using Airadcr.Web.Gateway;
using Airadcr.Web.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Airadcr.Web.Uploads;

/// <summary>
/// <c>POST /uploads</c>: one file of the upload page (a DICOM file or a ZIP; its name in <c>X-File-Name</c>,
/// URL-encoded, never in the URL) stored through the gateway's STOW-RS, answered with one row per instance;
/// <c>GET /uploads/previews/{id}</c>: a series' preview PNG by the opaque id the answer gave. Reviewers only;
/// the upload needs the page's antiforgery token (header <c>RequestVerificationToken</c>). Audited per file.
/// </summary>
public static class UploadsApi
{
    public const string FileNameHeader = "X-File-Name";

    public static IEndpointRouteBuilder MapUploadsApi(this IEndpointRouteBuilder app)
    {
        var uploads = app.MapGroup("/uploads").RequireAuthorization(new AuthorizeAttribute { Roles = WebRoles.Reviewers });
        uploads.MapPost("/", UploadAsync).DisableAntiforgery(); // checked in the handler: the body is not a form
        uploads.MapGet("/previews/{id}", PreviewAsync);
        return app;
    }

    private static async Task<Results<Ok<UploadAnswer>, BadRequest<string>>> UploadAsync(
        HttpContext context, UploadForwarder forwarder, AuditLog audit, IAntiforgery antiforgery, IOptions<UploadOptions> options)
    {
        var ct = context.RequestAborted;
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest("missing or invalid antiforgery token (RequestVerificationToken)");
        }
        var name = Uri.UnescapeDataString(context.Request.Headers[FileNameHeader].ToString());
        if (name.Length is 0 or > 1024)
        {
            return TypedResults.BadRequest($"the file's name is missing ({FileNameHeader}) or too long");
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxFileMegabytes * (1L << 20) + 1;
        }
        var user = context.User.Identity?.Name ?? "?";
        var answer = await forwarder.ForwardAsync(name, context.Request.Body, user, ct);
        var stored = answer.Results.Count(r => r.Outcome == "stored");
        var duplicates = answer.Results.Count(r => r.Outcome == "duplicate");
        await audit.RecordAsync(user, AuditActions.Upload, null,
            $"{stored} stored, {duplicates} duplicate, {answer.Results.Count - stored - duplicates} rejected", ct);
        return TypedResults.Ok(answer);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> PreviewAsync(
        string id, HttpContext context, UploadPreviews previews, GatewayClient gateway)
    {
        if (previews.Find(context.User.Identity?.Name ?? "?", id) is not { } instance)
        {
            return TypedResults.NotFound();
        }
        try
        {
            return await gateway.ThumbnailAsync(instance.StudyInstanceUid, instance.SopInstanceUid, 1, context.RequestAborted) is { } png
                ? TypedResults.File(png, "image/png")
                : TypedResults.NotFound();
        }
        catch (HttpRequestException)
        {
            return TypedResults.NotFound();
        }
    }
}
