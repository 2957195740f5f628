using Airadcr.Inference.Engine;
using Airadcr.Inference.Engine.Catalog;
using Airadcr.Inference.Studies;
using Microsoft.AspNetCore.Http.Features;
using Scalar.AspNetCore;

namespace Airadcr.Inference.Extensions;

public static class InferenceServiceExtensions
{
    /// <summary>Largest accepted upload (multipart of DICOM instances).</summary>
    public const long MaxUploadBytes = 2L * 1024 * 1024 * 1024;

    public static IHostApplicationBuilder AddInferenceServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddInferenceEngine(builder.Configuration);
        builder.Services.AddHostedService<CatalogWarmup>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = MaxUploadBytes);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxUploadBytes);
        builder.Services.AddOptions<GatewayOptions>().Bind(builder.Configuration.GetSection(GatewayOptions.SectionName));
        builder.Services.AddHttpClient<GatewayStudyClient>((services, client) =>
        {
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayOptions>>().Value;
            client.BaseAddress = new Uri(options.BaseAddress);
        });
        return builder;
    }

    public static WebApplication MapInferenceDocumentation(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }

    /// <summary>Loads (creates and warms every session) at start-up instead of on the first request.</summary>
    private sealed class CatalogWarmup(ModelCatalog catalog) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(catalog.Models.Count);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
