using Airadcr.DicomGateway.Index;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Airadcr.DicomGateway.Apis;

/// <summary><c>GET /admin/throughput?minutes=60</c>: instances received and analyses completed per minute (the Web's status chart).</summary>
public static class ThroughputApi
{
    public static IEndpointRouteBuilder MapThroughputApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/admin").WithTags("Admin").RequireAdminKey().MapGet("/throughput", GetThroughput);
        return routes;
    }

    private static async Task<Results<Ok<Throughput>, BadRequest<ApiError>>> GetThroughput(
        GatewayDatabase database, TimeProvider time, CancellationToken cancellationToken, int? minutes)
    {
        var span = minutes ?? 60;
        if (span is < 1 or > IngestThroughput.MaxMinutes)
        {
            return TypedResults.BadRequest(new ApiError($"minutes must be 1 to {IngestThroughput.MaxMinutes}", "minutes"));
        }
        return TypedResults.Ok(await new IngestThroughput(database, time).LastMinutesAsync(span, cancellationToken));
    }
}
