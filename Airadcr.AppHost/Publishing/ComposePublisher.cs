using System.Globalization;
using System.Text;
using Airadcr.AppHost.Run;
using Airadcr.LocalServers;
using YamlDotNet.Serialization;

namespace Airadcr.AppHost.Publishing;

/// <summary>
/// Writes the Aspire app model (built in publish mode: PostgreSQL, Redis and Orthanc as container resources) as
/// <c>docker-compose.yaml</c> for a Docker host: each resource's image, environment, ports, mounts and waits as Aspire
/// holds them, our services as the images <c>dotnet publish /t:PublishContainer</c> builds, the standalone Aspire
/// dashboard as every service's OTLP endpoint, health checks for the servers; secret parameters go to <c>.env</c>.
/// </summary>
public static class ComposePublisher
{
    public const string DashboardImage = "mcr.microsoft.com/dotnet/aspire-dashboard:13.6";
    public const string DashboardOtlp = "http://aspire-dashboard:18889";

    public static async Task<string> WriteAsync(DistributedApplication app, string output, CancellationToken cancellationToken)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var execution = app.Services.GetRequiredService<DistributedApplicationExecutionContext>();
        var values = new ComposeValues();
        var services = new SortedDictionary<string, object>(StringComparer.Ordinal);
        var volumes = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var resource in model.Resources)
        {
            if (resource is not (ContainerResource or ProjectResource))
            {
                continue;
            }
            var service = new Dictionary<string, object>
            {
                ["image"] = resource is ContainerResource container ? Image(container) : ProjectImage(resource.Name, (ProjectResource)resource),
            };
            var environment = await EnvironmentAsync(resource, execution, values, cancellationToken);
            if (resource is ProjectResource)
            {
                environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = DashboardOtlp;
                environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";
                environment["OTEL_SERVICE_NAME"] = resource.Name;
                environment["ASPNETCORE_HTTP_PORTS"] = ComposeValues.ProjectPort.ToString(CultureInfo.InvariantCulture);
                service["volumes"] = new List<string> { $"{resource.Name}-data:/data" };
                volumes[$"{resource.Name}-data"] = null;
            }
            if (environment.Count > 0)
            {
                service["environment"] = environment;
            }
            if (resource is ContainerResource { Entrypoint: { } entrypoint })
            {
                service["entrypoint"] = entrypoint;
            }
            if (await ArgumentsAsync(resource, values, cancellationToken) is { Count: > 0 } arguments)
            {
                service["command"] = arguments;
            }
            var ports = resource.Annotations.OfType<EndpointAnnotation>().Where(e => e.Port is not null)
                .Select(e => $"{e.Port!.Value.ToString(CultureInfo.InvariantCulture)}:{ComposeValues.TargetPort(e, resource).ToString(CultureInfo.InvariantCulture)}")
                .ToList();
            if (ports.Count > 0)
            {
                service["ports"] = ports;
            }
            ComposeMounts.Add(resource, service, volumes, output);
            if (ComposeHealthChecks.For(resource) is { } healthcheck)
            {
                service["healthcheck"] = healthcheck;
            }
            if (DependsOn(resource) is { Count: > 0 } dependsOn)
            {
                service["depends_on"] = dependsOn;
            }
            services[resource.Name] = service;
        }
        ComposeMounts.AddDatabaseInit(model, services, output);
        services["aspire-dashboard"] = new Dictionary<string, object>
        {
            ["image"] = DashboardImage,
            ["ports"] = new[] { "18888:18888" },
            ["environment"] = new Dictionary<string, string> { ["DOTNET_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true" },
        };
        var compose = new Dictionary<string, object> { ["name"] = "airadcr", ["services"] = services, ["volumes"] = volumes };
        Directory.CreateDirectory(output);
        var path = Path.Combine(output, "docker-compose.yaml");
        await File.WriteAllTextAsync(path, Header(model) + new SerializerBuilder().DisableAliases().Build().Serialize(compose), cancellationToken);
        await WriteSecretsAsync(values, output, cancellationToken);
        return path;
    }

    private static async Task<SortedDictionary<string, string>> EnvironmentAsync(IResource resource, DistributedApplicationExecutionContext execution,
        ComposeValues values, CancellationToken cancellationToken)
    {
        var collected = new Dictionary<string, object>();
        var context = new EnvironmentCallbackContext(execution, resource, collected, cancellationToken);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in collected)
        {
            environment[key] = await values.TextAsync(value, cancellationToken);
        }
        // What Aspire sets for its own dashboard in run mode has no meaning on a Docker host.
        foreach (var key in environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal) || k.StartsWith("ASPIRE_", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(key);
        }
        return environment;
    }

    private static async Task<List<string>> ArgumentsAsync(IResource resource, ComposeValues values, CancellationToken cancellationToken)
    {
        var collected = new List<object>();
        var context = new CommandLineArgsCallbackContext(collected, resource, cancellationToken);
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        var arguments = new List<string>();
        foreach (var argument in collected)
        {
            arguments.Add(await values.TextAsync(argument, cancellationToken));
        }
        return arguments;
    }

    private static Dictionary<string, object> DependsOn(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>()
            .Select(wait => wait.Resource is IResourceWithParent child ? child.Parent : wait.Resource)
            .DistinctBy(dependency => dependency.Name)
            .ToDictionary(dependency => dependency.Name, dependency => (object)new Dictionary<string, string>
            {
                ["condition"] = dependency is ProjectResource ? "service_started" : "service_healthy",
            });

    private static string Image(ContainerResource container)
    {
        var image = container.Annotations.OfType<ContainerImageAnnotation>().Last();
        var name = image.Image.Contains('/', StringComparison.Ordinal) && image.Registry is null ? image.Image : $"{image.Registry ?? "docker.io"}/{image.Image}";
        return $"{name}:{image.Tag}";
    }

    /// <summary>The SDK's default container repository: the assembly name in lower case (<c>airadcr.reportapi</c>).</summary>
    public static string ProjectImage(string name, ProjectResource project) =>
        Path.GetFileNameWithoutExtension(project.GetProjectMetadata().ProjectPath).ToLowerInvariant() + ":latest";

    private static string Header(DistributedApplicationModel model) =>
        "# Generated from the Aspire app model by `dotnet run --project Airadcr.AppHost -- publish --output DIR`. Build our images first:\n" +
        string.Concat(model.Resources.OfType<ProjectResource>().Select(p =>
            $"#   dotnet publish {Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(p.GetProjectMetadata().ProjectPath)!)!, p.GetProjectMetadata().ProjectPath)} -c Release /t:PublishContainer\n")) +
        "# then: docker compose up. The Web serves OHIF at /viewer (the same OHIF as the local graph);\n" +
        "# traces, metrics and logs: the Aspire dashboard on http://localhost:18888. Secrets: .env (generated once).\n";

    private static async Task WriteSecretsAsync(ComposeValues values, string output, CancellationToken cancellationToken)
    {
        var path = Path.Combine(output, ".env");
        if (File.Exists(path))
        {
            return;
        }
        var secrets = new StringBuilder();
        foreach (var (variable, parameter) in values.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var value = parameter.Secret
                ? (parameter.Annotations.OfType<SecretShapeAnnotation>().FirstOrDefault() ?? SecretShapeAnnotation.Prefixed("")).NewValue()
                : await parameter.GetValueAsync(cancellationToken) ?? "";
            secrets.Append(CultureInfo.InvariantCulture, $"{variable}={value}\n");
        }
        OwnerOnlyFile.Write(path, secrets.ToString());
    }
}
