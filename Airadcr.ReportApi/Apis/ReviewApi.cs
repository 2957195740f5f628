using Airadcr.ReportApi.Domain;
using Airadcr.ReportApi.Reports;
using Microsoft.AspNetCore.Mvc;

namespace Airadcr.ReportApi.Apis;

/// <summary>
/// AIRADCR extension outside the Desktop API v2.0 contract: <c>POST /airadcr/reports/{tid}/review</c> records the
/// radiologist's outcome (<c>signed</c>, or <c>rejected</c> with a reason) once; the report then carries it as its
/// <c>review</c> field in <c>/pending-report</c> and <c>/find-report</c> (the spec's <c>status</c> values are
/// unchanged). 200 when recorded or already recorded with the same outcome, 409 with the outcome in force when another
/// was recorded first (a sign racing a reject), 404 for an unknown or expired report. Behind X-Admin-Key.
/// </summary>
public static class ReviewApi
{
    public sealed record ReviewRequest(string? Outcome, string? ReviewedBy, DateTimeOffset? ReviewedAt, string? Reason,
        IReadOnlyList<string>? ModifiedSections);

    public sealed record ReviewResponse(bool Success, ReviewData Review);

    public sealed record ReviewConflict(bool Success, string Error, ReviewData Review);

    public const int MaxReasonLength = 2000;

    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("airadcr/reports/{technical_id}/review", PostReview)
            .RequireAdminKey()
            .WithTags("AIRADCR extensions")
            .WithName("PostReportReview")
            .WithSummary("Record the radiologist's outcome of a report (signed, or rejected with a reason); returned as its review field");
        return app;
    }

    public static async Task<Results<Ok<ReviewResponse>, Conflict<ReviewConflict>, JsonHttpResult<ApiError>>> PostReview(
        [FromRoute(Name = "technical_id")] string technicalId, ReviewRequest request, PendingReportService reports, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (TechnicalId.Validate(technicalId) is { } invalid)
        {
            return ApiError.Respond(StatusCodes.Status400BadRequest, invalid, "technical_id");
        }
        if (!ReviewOutcomes.IsKnown(request.Outcome))
        {
            return ApiError.Respond(StatusCodes.Status400BadRequest, "outcome must be 'signed' or 'rejected'", "outcome");
        }
        if (request.Outcome == ReviewOutcomes.Rejected && string.IsNullOrWhiteSpace(request.Reason))
        {
            return ApiError.Respond(StatusCodes.Status400BadRequest, "a rejection needs a reason", "reason");
        }
        if (request.Reason is { Length: > MaxReasonLength })
        {
            return ApiError.Respond(StatusCodes.Status400BadRequest, $"reason is longer than {MaxReasonLength} characters", "reason");
        }
        var review = new ReportReview(request.Outcome!, request.ReviewedBy, request.ReviewedAt ?? time.GetUtcNow(),
            request.Reason, request.ModifiedSections);
        return await reports.RecordReviewAsync(technicalId, review, cancellationToken) switch
        {
            (ReviewRecordResult.Recorded or ReviewRecordResult.AlreadyRecorded, { } inForce) =>
                TypedResults.Ok(new ReviewResponse(true, ReviewData.From(inForce))),
            (ReviewRecordResult.Conflict, { } inForce) => TypedResults.Conflict(
                new ReviewConflict(false, $"the report was already {inForce.Outcome}", ReviewData.From(inForce))),
            _ => ApiError.Respond(StatusCodes.Status404NotFound, "Report not found or expired"),
        };
    }
}
