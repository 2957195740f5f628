using Airadcr.ReportApi.Configuration;
using Airadcr.ReportApi.Diagnostics;
using Airadcr.ReportApi.Logging;
using Airadcr.ReportApi.Security;
using Microsoft.Extensions.Options;

namespace Airadcr.ReportApi.Apis;

/// <summary>The authentication matrix of spec section 3.2 as endpoint filters.</summary>
public static class ApiKeyRequirement
{
    public const string ApiKeyHeader = "X-API-Key";
    public const string AdminKeyHeader = "X-Admin-Key";

    /// <summary>X-API-Key must be a valid active key.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            await HasValidApiKeyAsync(context.HttpContext) ? await next(context) : Refuse(context.HttpContext, "api_key", "Invalid API key"));

    /// <summary>X-API-Key is required only when require_auth_for_reads is on.</summary>
    public static TBuilder RequireApiKeyForReads<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var options = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<DesktopOptions>>().CurrentValue;
            return !options.RequireAuthForReads || await HasValidApiKeyAsync(context.HttpContext)
                ? await next(context)
                : Refuse(context.HttpContext, "api_key", "Invalid API key");
        });

    /// <summary>X-Admin-Key must equal AIRADCR_ADMIN_KEY.</summary>
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            IsAdmin(context.HttpContext) ? await next(context) : Refuse(context.HttpContext, "admin_key", "Invalid or missing admin key"));

    /// <summary>The key's validity as the rate limiter found it (<see cref="CallerIdentity"/>), else checked now.</summary>
    public static async Task<bool> HasValidApiKeyAsync(HttpContext context) =>
        context.Features.Get<CallerIdentity>() is { } caller
            ? caller.ApiKeyValid
            : await context.RequestServices.GetRequiredService<ApiKeyService>()
                .IsValidAsync(context.Request.Headers[ApiKeyHeader].ToString(), context.RequestAborted);

    public static bool IsAdmin(HttpContext context) =>
        context.RequestServices.GetRequiredService<AdminKeyCheck>().IsValid(context.Request.Headers[AdminKeyHeader].ToString());

    private static JsonHttpResult<ApiError> Refuse(HttpContext context, string keyType, string message)
    {
        context.RequestServices.GetRequiredService<ReportApiMetrics>().AuthFailure(keyType);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiKeyRequirement).FullName!)
            .AuthRefused(context.Request.Path, keyType == "api_key" ? "missing or invalid API key" : "missing or invalid admin key");
        return ApiError.Respond(StatusCodes.Status401Unauthorized, message);
    }
}
