using Airadcr.ReportApi.Apis;
using Airadcr.ReportApi.Domain;
using Airadcr.ReportApi.Reports;
using Microsoft.AspNetCore.Mvc;

namespace Airadcr.ReportApi.TeoHub;

/// <summary>
/// AIRADCR extension outside the Desktop API v2.0 contract: a report signed elsewhere (the Web) is handed back so that
/// its approved text reaches TÉO Hub (<c>POST /th_post_approved_report</c>) when <c>[teo_hub] enabled</c>. Behind
/// X-Admin-Key, like the listing: it sends a patient's report to a third party.
/// </summary>
public static class ApprovedReportApi
{
    /// <summary>What the caller signed: the final text and who approved it when.</summary>
    public sealed record ApprovedReportRequest(
        string? ApprovedText,
        string? RadiologistName,
        DateTimeOffset? ApprovalTimestamp,
        bool? ModificationsMade,
        IReadOnlyList<string>? ModifiedSections);

    /// <summary><c>teo_hub</c>: <c>posted</c> (TÉO Hub confirmed it) or <c>disabled</c> (nothing sent).</summary>
    public sealed record ApprovedReportOutcome(bool Success, string TeoHub);

    public const string Posted = "posted";
    public const string Disabled = "disabled";

    public static IEndpointRouteBuilder MapApprovedReportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("airadcr/reports/{technical_id}/approved", PostApprovedReport)
            .RequireAdminKey()
            .WithTags("AIRADCR extensions")
            .WithName("PostApprovedReport")
            .WithSummary("Post a signed report's approved text to TÉO Hub when [teo_hub] is enabled");
        return app;
    }

    public static async Task<Results<Accepted<ApprovedReportOutcome>, Ok<ApprovedReportOutcome>, JsonHttpResult<ApiError>>> PostApprovedReport(
        [FromRoute(Name = "technical_id")] string technicalId, ApprovedReportRequest request, PendingReportService reports, TeoHubClient teoHub,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (TechnicalId.Validate(technicalId) is { } invalid)
        {
            return ApiError.Respond(StatusCodes.Status400BadRequest, invalid, "technical_id");
        }
        if (string.IsNullOrWhiteSpace(request.ApprovedText))
        {
            return ApiError.Respond(StatusCodes.Status400BadRequest, "approved_text cannot be empty", "approved_text");
        }
        if (await reports.FindAsync(technicalId, cancellationToken) is not { } report)
        {
            return ApiError.Respond(StatusCodes.Status404NotFound, "Report not found or expired");
        }
        // The report's review extension says "signed" from now on (find-report tells a RIS), TÉO Hub or not.
        var signed = new ReportReview(ReviewOutcomes.Signed, request.RadiologistName, request.ApprovalTimestamp ?? time.GetUtcNow(),
            ModifiedSections: request.ModifiedSections);
        if (await reports.RecordReviewAsync(technicalId, signed, cancellationToken) is (ReviewRecordResult.Conflict, { } inForce))
        {
            return ApiError.Respond(StatusCodes.Status409Conflict, $"the report was already {inForce.Outcome}");
        }
        if (!teoHub.IsEnabled)
        {
            return TypedResults.Ok(new ApprovedReportOutcome(true, Disabled));
        }
        try
        {
            await teoHub.PostApprovedReportAsync(Approved(report.Content, request), cancellationToken);
            return TypedResults.Accepted((string?)null, new ApprovedReportOutcome(true, Posted));
        }
        catch (TeoHubException error)
        {
            return ApiError.Respond(StatusCodes.Status502BadGateway, error.Message);
        }
    }

    /// <summary>Our report in the desktop app's approved-report shape (report id = technical id).</summary>
    public static TeoApprovedReport Approved(ReportContent report, ApprovedReportRequest request) =>
        new(report.PatientId ?? "", report.StudyInstanceUid ?? report.ExamUid ?? "", request.ApprovedText!)
        {
            ReportId = report.TechnicalId,
            AccessionNumber = report.AccessionNumber,
            ApprovedText = request.ApprovedText,
            RadiologistName = request.RadiologistName,
            ApprovalTimestamp = request.ApprovalTimestamp?.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ModificationsMade = request.ModificationsMade,
            ModifiedSections = request.ModifiedSections,
        };
}
