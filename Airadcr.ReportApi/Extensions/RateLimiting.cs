using System.Globalization;
using System.Threading.RateLimiting;
using Airadcr.ReportApi.Apis;
using Airadcr.ReportApi.Configuration;
using Airadcr.ReportApi.Diagnostics;
using Airadcr.ReportApi.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Airadcr.ReportApi;

/// <summary>
/// Spec annex B: token buckets of rate_limit_per_minute tokens a minute, rate_limit_burst deep (0 per minute turns
/// it off). On loopback every client has the same IP, so the buckets follow the caller (<see cref="CallerIdentity"/>):
/// one per valid key, one per client IP for requests without a key, and one per client IP for failed
/// authentications, so wrong keys never spend a valid key's budget. Refusals are 429 with Retry-After and the
/// spec's error shape.
/// </summary>
public static class RateLimiting
{
    public const string PolicyName = "per-caller";

    /// <summary>Resolves the caller of rate-limited endpoints, then limits.</summary>
    public static WebApplication UseClientRateLimiting(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null)
            {
                context.Features.Set(await CallerIdentity.ResolveAsync(context));
            }

            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PolicyName, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<DesktopOptions>>().Value;
                var client = context.Features.Get<CallerIdentity>()?.Partition ?? "unknown";
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
