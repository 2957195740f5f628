using Airadcr.ReportApi.Apis;
using Airadcr.ReportApi.Logging;
using Airadcr.ReportApi.Security;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Airadcr.ReportApi;

/// <summary>
/// DNS rebinding: a page on evil.example whose name resolves to 127.0.0.1 reaches the API with
/// <c>Host: evil.example</c> and its own Origin. HostFiltering (400) answers only the allowed host names; a request
/// carrying a foreign Origin is refused (403) whatever its method, since reads need no key by default.
/// </summary>
public static class RebindingProtection
{
    public static IServiceCollection AddRebindingProtection(this IServiceCollection services)
    {
        services.AddSingleton<AllowedCallers>();
        services.AddOptions<HostFilteringOptions>().Configure<AllowedCallers>((filtering, callers) =>
        {
            filtering.AllowedHosts = [.. callers.Hosts];
            filtering.IncludeFailureMessage = false;
        });
        return services;
    }

    public static WebApplication UseOriginCheck(this WebApplication app)
    {
        var callers = app.Services.GetRequiredService<AllowedCallers>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RebindingProtection).FullName!);
        app.Use(async (context, next) =>
        {
            var origin = context.Request.Headers[HeaderNames.Origin].ToString();
            if (origin.Length == 0 || callers.IsAllowedOrigin(origin))
            {
                await next(context);
                return;
            }

            logger.OriginRefused(context.Request.Method, origin);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new ApiError("Origin not allowed", "origin"), context.RequestAborted);
        });
        return app;
    }
}
