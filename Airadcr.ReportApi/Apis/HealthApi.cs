namespace Airadcr.ReportApi.Apis;

/// <summary>Spec section 4.1: liveness for TÉO Hub; the version only shows to a caller with a valid key.</summary>
public static class HealthApi
{
    public const string ApiVersion = "2.0.0";

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        // Not rate limited: clients are told to call it before every POST (spec 9), it must not halve their budget.
        app.MapGet("health", GetHealth)
            .WithTags("Health")
            .WithName("Health")
            .WithSummary("Is the AIRADCR desktop running?");
        return app;
    }

    public static async Task<Ok<HealthResponse>> GetHealth(HttpContext context, TimeProvider timeProvider)
    {
        var authenticated = ApiKeyRequirement.IsAdmin(context) ||
            (context.Request.Headers.ContainsKey(ApiKeyRequirement.ApiKeyHeader) && await ApiKeyRequirement.HasValidApiKeyAsync(context));
        return TypedResults.Ok(new HealthResponse("ok", authenticated ? ApiVersion : string.Empty,
            WireFormat.Timestamp(timeProvider.GetUtcNow())));
    }
}
