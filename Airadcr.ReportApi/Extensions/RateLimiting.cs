using System.Globalization;
using System.Threading.RateLimiting;
using Airadcr.ReportApi.Apis;
using Airadcr.ReportApi.Configuration;
using Airadcr.ReportApi.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Airadcr.ReportApi;

/// <summary>
/// Spec annex B: a token bucket per client IP (rate_limit_per_minute tokens a minute, rate_limit_burst deep;
/// 0 per minute turns it off). Refusals are 429 with Retry-After and the spec's error shape.
/// </summary>
public static class RateLimiting
{
    public const string PolicyName = "per-client-ip";

    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PolicyName, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<DesktopOptions>>().Value;
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return options.RateLimitPerMinute == 0
                    ? RateLimitPartition.GetNoLimiter(client)
                    : RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.RateLimitBurst,
                        TokensPerPeriod = 1,
                        ReplenishmentPeriod = TimeSpan.FromMinutes(1) / options.RateLimitPerMinute,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 1;
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                context.HttpContext.RequestServices.GetRequiredService<ReportApiMetrics>().RateLimited();
                await response.WriteAsJsonAsync(new ApiError("Rate limit exceeded. Retry later."), cancellationToken);
            };
        });
        return services;
    }
}
