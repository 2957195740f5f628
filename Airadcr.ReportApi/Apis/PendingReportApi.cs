using Airadcr.ReportApi.Domain;

namespace Airadcr.ReportApi.Apis;

/// <summary>Spec sections 4.2-4.5: store, get, delete and find reports.</summary>
public static class PendingReportApi
{
    public static IEndpointRouteBuilder MapPendingReportApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("pending-report").WithTags("Reports").RequireRateLimiting(RateLimiting.PolicyName);
        reports.MapPost("", StoreReport)
            .RequireApiKey()
            .WithName("StorePendingReport")
            .WithSummary("Store a report pre-processed by TÉO Hub");
        reports.MapGet("", GetReport)
            .RequireApiKeyForReads()
            .WithName("GetPendingReport")
            .WithSummary("Get a report by technical id (marks it retrieved)");
        reports.MapDelete("", DeleteReport)
            .RequireApiKey()
            .WithName("DeletePendingReport")
            .WithSummary("Delete a report");
        app.MapGet("find-report", FindReport)
            .RequireApiKeyForReads()
            .RequireRateLimiting(RateLimiting.PolicyName)
            .WithTags("Reports")
            .WithName("FindReport")
            .WithSummary("Find the most recent report by RIS identifiers (combined with AND)");
        return app;
    }

    public static async Task<Results<Ok<StoreReportResponse>, JsonHttpResult<ApiError>>> StoreReport(
        HttpRequest request, [AsParameters] ReportApiServices services, CancellationToken cancellationToken)
    {
        var (document, readError) = await JsonBodyReader.ReadObjectAsync(request, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }

        using (document)
        {
            var options = services.Options.CurrentValue;
            var (content, error) = PendingReportRequest.Parse(document!.RootElement, options.ReportRetentionHours);
            if (error is not null)
            {
                return TypedResults.Json(error, statusCode: StatusCodes.Status400BadRequest);
            }

            var outcome = await services.Reports.StoreAsync(content!, cancellationToken);
            if (outcome.Kind == StoreOutcomeKind.Conflict)
            {
                return ApiError.Respond(StatusCodes.Status409Conflict,
                    "A report with this technical_id already exists with different content", "technical_id");
            }

            return TypedResults.Ok(new StoreReportResponse(true, content!.TechnicalId,
                options.ReportUrl(content.TechnicalId), WireFormat.Timestamp(outcome.ExpiresAt)));
        }
    }

    public static async Task<Results<Ok<ReportEnvelope>, JsonHttpResult<ApiError>>> GetReport(
        string? tid, [AsParameters] ReportApiServices services, CancellationToken cancellationToken)
    {
        if (ValidateTid(tid) is { } error)
        {
            return error;
        }

        var report = await services.Reports.RetrieveAsync(tid!, cancellationToken);
        return report is null
            ? ApiError.Respond(StatusCodes.Status404NotFound, "Report not found or expired")
            : TypedResults.Ok(new ReportEnvelope(true, ReportData.From(report)));
    }

    public static async Task<Results<Ok<DeleteReportResponse>, JsonHttpResult<ApiError>>> DeleteReport(
        string? tid, [AsParameters] ReportApiServices services, CancellationToken cancellationToken)
    {
        if (ValidateTid(tid) is { } error)
        {
            return error;
        }

        var deleted = await services.Reports.DeleteAsync(tid!, cancellationToken);
        return TypedResults.Ok(new DeleteReportResponse(true, deleted));
    }

    public static async Task<Results<Ok<FindReportResponse>, JsonHttpResult<ApiError>>> FindReport(
        string? accession_number, string? patient_id, string? exam_uid, HttpRequest request,
        [AsParameters] ReportApiServices services, CancellationToken cancellationToken)
    {
        var identifiers = new ReportIdentifiers(patient_id, accession_number, exam_uid);
        if (identifiers.IsEmpty)
        {
            return ApiError.Respond(StatusCodes.Status400BadRequest,
                "At least one identifier required: patient_id, accession_number, or exam_uid");
        }

        var report = await services.Reports.FindLatestAsync(identifiers, cancellationToken);
        if (report is null)
        {
            return ApiError.Respond(StatusCodes.Status404NotFound, "No report found matching the provided identifiers");
        }

        var tid = report.Content.TechnicalId;
        var retrievalUrl = $"{request.Scheme}://{request.Host}/pending-report?tid={Uri.EscapeDataString(tid)}";
        return TypedResults.Ok(new FindReportResponse(true, ReportData.From(report), retrievalUrl));
    }

    /// <summary>A missing or malformed tid query parameter, as a 400 naming the field.</summary>
    public static JsonHttpResult<ApiError>? ValidateTid(string? tid)
    {
        if (string.IsNullOrEmpty(tid))
        {
            return ApiError.Respond(StatusCodes.Status400BadRequest, "Missing 'tid' parameter", "tid");
        }

        return TechnicalId.Validate(tid) is { } message
            ? ApiError.Respond(StatusCodes.Status400BadRequest, message.Replace("technical_id", "tid", StringComparison.Ordinal), "tid")
            : null;
    }
}
