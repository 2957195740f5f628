using Airadcr.ReportApi.Apis;

namespace Airadcr.ReportApi.Worklist;

/// <summary>
/// AIRADCR extension outside the Desktop API v2.0 contract: the server-to-server report listing the Web's worklist
/// reads. Behind X-Admin-Key (it returns identifiers of many patients at once).
/// </summary>
public static class ReportListApi
{
    public static IEndpointRouteBuilder MapReportListApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("airadcr/reports/query", QueryReports)
            .RequireAdminKey()
            .WithTags("AIRADCR extensions")
            .WithName("QueryReports")
            .WithSummary("List reports (filters, sort, page) for the Web's worklist");
        return app;
    }

    public static async Task<Results<Ok<ReportListPage>, JsonHttpResult<ApiError>>> QueryReports(
        ReportListQuery query, ReportListing listing, CancellationToken cancellationToken)
    {
        if (query.Status is not (null or "" or "pending" or "retrieved"))
        {
            return ApiError.Respond(StatusCodes.Status400BadRequest, "status must be pending or retrieved", "status");
        }
        if (query.Offset < 0 || query.Limit is < 1 or > ReportListQuery.MaxLimit)
        {
            return ApiError.Respond(StatusCodes.Status400BadRequest, $"offset must be >= 0 and limit 1 to {ReportListQuery.MaxLimit}", "limit");
        }
        return TypedResults.Ok(await listing.QueryAsync(query, cancellationToken));
    }
}
