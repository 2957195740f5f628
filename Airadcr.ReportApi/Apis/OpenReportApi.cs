using Airadcr.ReportApi.Domain;
using Airadcr.ReportApi.Navigation;

namespace Airadcr.ReportApi.Apis;

/// <summary>Spec section 4.6: RIS contextual opening. The desktop's window event becomes a published navigation.</summary>
public static class OpenReportApi
{
    public const string RetryAfterSeconds = "2";

    public static IEndpointRouteBuilder MapOpenReportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("open-report", OpenReport)
            .RequireApiKey()
            .RequireRateLimiting(RateLimiting.PolicyName)
            .WithTags("Navigation")
            .WithName("OpenReport")
            .WithSummary("Open a report in AIRADCR by tid (first) or RIS identifiers");
        return app;
    }

    public static async Task<Results<Ok<OpenReportResponse>, JsonHttpResult<ApiError>>> OpenReport(
        string? tid, string? accession_number, string? patient_id, string? exam_uid, HttpResponse response,
        [AsParameters] ReportApiServices services, CancellationToken cancellationToken)
    {
        if (!services.Readiness.IsReady)
        {
            response.Headers.RetryAfter = RetryAfterSeconds;
            return ApiError.Respond(StatusCodes.Status503ServiceUnavailable, "Application not yet ready. Please try again in a moment.");
        }

        string technicalId;
        if (!string.IsNullOrEmpty(tid))
        {
            if (PendingReportApi.ValidateTid(tid) is { } invalid)
            {
                return invalid;
            }

            if (!await services.Reports.ExistsAsync(tid, cancellationToken))
            {
                return ApiError.Respond(StatusCodes.Status404NotFound, "Report not found or expired");
            }

            technicalId = tid;
        }
        else
        {
            var identifiers = new ReportIdentifiers(patient_id, accession_number, exam_uid);
            if (identifiers.IsEmpty)
            {
                return ApiError.Respond(StatusCodes.Status400BadRequest,
                    "At least one identifier required: tid, accession_number, patient_id, or exam_uid");
            }

            var found = await services.Reports.FindLatestAsync(identifiers, cancellationToken);
            if (found is null)
            {
                return ApiError.Respond(StatusCodes.Status404NotFound, "No report found matching the provided identifiers");
            }

            technicalId = found.Content.TechnicalId;
        }

        var navigatedTo = services.Options.CurrentValue.ReportUrl(technicalId);
        services.Navigation.Publish(new NavigationEvent(technicalId, navigatedTo, WireFormat.Timestamp(services.TimeProvider.GetUtcNow())));
        return TypedResults.Ok(new OpenReportResponse(true, "Navigation triggered successfully", technicalId, navigatedTo));
    }
}
