namespace Airadcr.AppHost.Run;

/// <summary>How every AIRADCR service joins the graph.</summary>
public static class ServiceResources
{
    /// <summary>
    /// A service project: its HTTP endpoint (a fixed port where the service has a well-known one), health from
    /// <paramref name="healthPath"/> (<c>/ready</c>: every health check of the service), its data folder in the run
    /// folder, its audit checkpoint export in <c>{run}/audit-export/</c>, telemetry to the Aspire dashboard (or to <c>--otlp</c>).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder, string name,
        RunFolder run, AppHostOptions options, int? port = null, string healthPath = "/ready")
        where TProject : IProjectMetadata, new()
    {
        var publishing = builder.ExecutionContext.IsPublishMode;
        var project = builder.AddProject<TProject>(name, launchProfileName: null)
            .WithHttpEndpoint(port: port, name: "http")
            .WithHttpHealthCheck(healthPath)
            .WithEnvironment("AIRADCR_DATA_DIR", publishing ? "/data" : run.DirectoryOf(name))
            // Blazor's static web assets are served from the build output in Development only.
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", publishing ? "Production" : "Development")
            .WithEnvironment("DOTNET_ENVIRONMENT", publishing ? "Production" : "Development")
            .WithEnvironment("Logging__Console__FormatterName", "simple")
            .WithEnvironment("Logging__Console__FormatterOptions__SingleLine", "true")
            .WithEnvironment("Logging__Console__FormatterOptions__ColorBehavior", "Disabled");
        if (!publishing)
        {
            // Audit checkpoints exported outside the service's own data folder (a service never rewrites its export).
            project.WithEnvironment("Audit__CheckpointExportPath", Path.Combine(run.DirectoryOf("audit-export"), name + ".jsonl"));
        }
        if (options.OtlpEndpoint is { } otlp && !publishing)
        {
            project.WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", otlp)
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", options.OtlpProtocol);
        }
        return project;
    }

    /// <summary>A secret parameter whose value is kept in the run folder (<c>secrets/{name}</c>, owner-only).</summary>
    public static IResourceBuilder<ParameterResource> AddRunSecret(this IDistributedApplicationBuilder builder, RunFolder run, string name,
        string prefix = "Ar-1") =>
        builder.AddRunSecret(run, name, SecretShapeAnnotation.Prefixed(prefix));

    /// <summary>A secret parameter of the given shape (e.g. <see cref="SecretShapeAnnotation.Key256"/>), kept like the others.</summary>
    public static IResourceBuilder<ParameterResource> AddRunSecret(this IDistributedApplicationBuilder builder, RunFolder run, string name,
        SecretShapeAnnotation shape)
    {
        var secret = run.Secret(name, shape);
        return builder.AddParameter(name, () => secret.Value, secret: true).WithAnnotation(shape);
    }
}
