using Airadcr.Reporting.Model;
using Airadcr.Web.Audit;
using Airadcr.Web.Gateway;
using Airadcr.Web.Identity;
using Airadcr.Web.Reports;
using Airadcr.Web.ReportApi;
using Airadcr.Web.Worklist;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Airadcr.Web.Apis;

/// <summary>GET /reports/{tid}/pdf: the report's PDF (signed one once signed); GET /reports/{tid}/key-images/{sop}?frame=N:
/// an image of one of its findings, rendered by the gateway. Reviewers only: they carry identifiers.</summary>
public static class ReportFilesApi
{
    public static IEndpointRouteBuilder MapReportFilesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/{tid}/pdf", DownloadPdf)
            .RequireAuthorization(new AuthorizeAttribute { Roles = WebRoles.Reviewers });
        app.MapGet("/reports/{tid}/key-images/{sop}", KeyImage)
            .RequireAuthorization(new AuthorizeAttribute { Roles = WebRoles.Reviewers });
        return app;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> DownloadPdf(
        string tid, HttpContext context, ReportApiClient reportApi, ReviewStore reviews, ReportSigning signing, AuditLog audit)
    {
        var ct = context.RequestAborted;
        if (!ReportLink.IsTechnicalId(tid) || await reportApi.GetReportAsync(tid, ct) is not { } report)
        {
            return TypedResults.NotFound();
        }
        var review = await reviews.GetAsync(tid, ct);
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? ReportLanguage.English : ReportLanguage.French;
        var pdf = await signing.PdfAsync(report, review ?? ReportView.TextOf(report), language, ct);
        await audit.RecordReportAsync(context.User.Identity?.Name ?? "?", AuditActions.DownloadPdf, tid, null, ct);
        return TypedResults.File(pdf, "application/pdf", tid + ".pdf");
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> KeyImage(
        string tid, string sop, HttpContext context, ReportApiClient reportApi, GatewayClient gateway, int frame = 1)
    {
        var ct = context.RequestAborted;
        if (!ReportLink.IsTechnicalId(tid) || await reportApi.GetReportAsync(tid, ct) is not { } report
            || report.StudyInstanceUid is not { } study
            || !ReportView.From(report, null).Findings.Any(f => f.Image is { } image && image.SopInstanceUid == sop && image.Frame == frame))
        {
            return TypedResults.NotFound();
        }
        try
        {
            return await gateway.ThumbnailAsync(study, sop, frame, ct) is { } png
                ? TypedResults.File(png, "image/png")
                : TypedResults.NotFound();
        }
        catch (HttpRequestException)
        {
            return TypedResults.NotFound(); // gateway unavailable: the editor shows the box without its image
        }
    }
}
