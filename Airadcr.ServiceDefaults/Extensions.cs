using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every AIRADCR service adds first: OpenTelemetry, health checks, service discovery and resilient HTTP
/// clients. Same surface and configuration contract as the .NET Aspire "ServiceDefaults" template, so a service
/// built on it runs unchanged under a real Aspire AppHost.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Liveness endpoint: the process answers (checks tagged <see cref="LiveTag"/> only).</summary>
    public const string AlivePath = "/alive";

    /// <summary>Readiness endpoint: every registered health check passes.</summary>
    public const string ReadyPath = "/ready";

    /// <summary>Prometheus scrape endpoint.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Tag of the health checks that decide liveness.</summary>
    public const string LiveTag = "live";

    /// <summary>Activity sources and meters of our own code all start with this prefix.</summary>
    public const string TelemetryPrefix = "Airadcr.";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            // Not the scopes: ASP.NET Core's request scope carries the request path (study and instance UIDs). The
            // trace and span ids travel on every log record without them.
            logging.IncludeScopes = false;
        });
        TelemetryRedaction.FilterRequestLogs(builder.Logging);
        // Aspire.Npgsql routes Npgsql's logs into ours: one Information line per SQL command is noise, not an event.
        builder.Logging.AddFilter("Npgsql", LogLevel.Warning);

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryPrefix + "*")
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetryPrefix + "*")
                .AddAspNetCoreInstrumentation(aspnet =>
                {
                    aspnet.Filter = context => !IsInfrastructurePath(context.Request.Path);
                    aspnet.EnrichWithHttpRequest = TelemetryRedaction.ServerRequest;
                    aspnet.EnrichWithHttpResponse = TelemetryRedaction.ServerResponse;
                })
                .AddHttpClientInstrumentation(http => http.EnrichWithHttpRequestMessage = TelemetryRedaction.ClientRequest));

        builder.AddOpenTelemetryExporters();
        return builder;
    }

    /// <summary>True when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: only then is anything exported over OTLP.</summary>
    public static bool IsOtlpExportEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    private static void AddOpenTelemetryExporters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (IsOtlpExportEnabled(builder.Configuration))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/alive</c>, <c>/ready</c> and <c>/metrics</c>. <c>/health</c> is left to the service: the ReportApi's
    /// has a fixed shape in its specification.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        app.MapHealthChecks(ReadyPath);
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    private static bool IsInfrastructurePath(PathString path) =>
        path.StartsWithSegments(AlivePath) || path.StartsWithSegments(ReadyPath) || path.StartsWithSegments(MetricsPath);
}
