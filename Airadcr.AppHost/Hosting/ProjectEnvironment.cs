using Airadcr.LocalServers;

namespace Airadcr.AppHost.Hosting;

/// <summary>
/// Aspire's configuration contract for a project: ASPNETCORE_URLS, OTEL_* (service name, resource attributes, OTLP
/// endpoint when given, Aspire's short export intervals), <c>ConnectionStrings__{name}</c> and
/// <c>services__{name}__http__0</c> for each reference, plus the project's own variables.
/// </summary>
internal static class ProjectEnvironment
{
    public static Dictionary<string, string> For(ProjectResource project, RunContext context)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = project.Published ? "http://+:8080" : project.Http.Url,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["AIRADCR_DATA_DIR"] = project.Published ? "/data" : context.DataDirectoryOf(project),
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={project.Name}-{GeneratedSecret.Hex(4)}",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        if (context.Options.OtlpEndpoint is { } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = context.Options.OtlpProtocol;
            environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        }
        foreach (var reference in project.References)
        {
            if (reference is IResourceWithConnectionString { ConnectionString: { } connectionString } withConnection)
            {
                environment[$"ConnectionStrings__{withConnection.Name}"] = connectionString;
            }
            if (reference is IResourceWithServiceDiscovery { IsReachable: true } service)
            {
                environment[$"services__{service.Name}__http__0"] = service.Http.Url;
            }
        }
        foreach (var (key, value) in project.ExtraEnvironment)
        {
            if (value() is { } text)
            {
                environment[key] = text;
            }
        }
        return environment;
    }
}
