using Airadcr.AppHost.Run;
using Airadcr.LocalServers;

namespace Airadcr.AppHost.Servers;

/// <summary>
/// Orthanc with DICOMweb as the PACS: Debian's <c>Orthanc</c> as an executable, or the official image as a container;
/// HTTP authentication with a password kept in the run folder, the routing script that forwards stable studies to
/// IA_SERVER, health from an authenticated <c>/system</c>.
/// </summary>
public sealed class OrthancPacs
{
    public const string AeTitle = "ORTHANC";
    public const string UserName = "airadcr";
    public const string GatewayModality = "IA_SERVER";
    public const string Image = "docker.io/orthancteam/orthanc";
    public const string ImageTag = "25.9.1";
    public const string RoutingScript = "Airadcr.DicomGateway/Orthanc/route-to-ia-server.lua";

    private OrthancPacs(IResourceBuilder<IResourceWithEnvironment> resource, IResourceBuilder<ParameterResource> password, RunSecret passwordFile)
    {
        Resource = resource;
        Password = password;
        PasswordFile = passwordFile.Path;
    }

    /// <summary>The executable or container resource (both have an environment, endpoints and wait support).</summary>
    public IResourceBuilder<IResourceWithEnvironment> Resource { get; }

    public IResourceBuilder<ParameterResource> Password { get; }

    /// <summary>Where the run folder keeps the password (shown at start-up).</summary>
    public string PasswordFile { get; }

    public EndpointReference Http => ((IResourceWithEndpoints)Resource.Resource).GetEndpoint("http");

    public EndpointReference Dicom => ((IResourceWithEndpoints)Resource.Resource).GetEndpoint("dicom");

    /// <summary>Orthanc on its well-known ports (8042, 4242, or those given), its storage in the run folder; with
    /// <paramref name="routing"/>, its Lua script forwards stable studies to the gateway (the PACS); without, it only archives.</summary>
    public static OrthancPacs Add(IDistributedApplicationBuilder builder, string name, ServerPrograms programs, RunFolder run,
        string repositoryRoot, double stableSeconds, int httpPort = 8042, int dicomPort = 4242, bool routing = true)
    {
        var directory = run.DirectoryOf(name);
        var secret = run.Secret(name == "pacs" ? "orthanc-password" : name + "-orthanc-password");
        var password = builder.AddParameter($"{name}-password", () => secret.Value, secret: true);
        var stableAge = Math.Max(1, (int)Math.Ceiling(stableSeconds));
        var script = Path.Combine(repositoryRoot, RoutingScript);
        IResourceBuilder<IResourceWithEnvironment> resource;
        if (programs.Containers)
        {
            var lua = "/etc/orthanc/lua/" + Path.GetFileName(script);
            var configuration = OrthancConfiguration.Write(Path.Combine(directory, "container"), "/var/lib/orthanc/db", routing ? [lua] : [], stableAge,
                remoteAccess: true, plugins: []);
            resource = builder.AddContainer(name, Image, ImageTag)
                .WithHttpEndpoint(port: httpPort, targetPort: 8042, name: "http")
                .WithEndpoint(port: dicomPort, targetPort: 4242, name: "dicom", scheme: "tcp")
                .WithEnvironment(OrthancConfiguration.HttpPort, "8042")
                .WithEnvironment(OrthancConfiguration.DicomPort, "4242")
                .WithEnvironment("DICOM_WEB_PLUGIN_ENABLED", "true")
                .WithBindMount(configuration, "/etc/orthanc/airadcr.json", isReadOnly: true)
                .WithBindMount(script, lua, isReadOnly: true)
                .WithVolume($"{name}-data", "/var/lib/orthanc/db")
                .WithUrlForEndpoint("http", url => url.DisplayText = "Orthanc Explorer (user airadcr)");
        }
        else
        {
            var configuration = OrthancConfiguration.Write(directory, Path.Combine(directory, "storage"), routing ? [script] : [], stableAge,
                remoteAccess: false, plugins: [OrthancInstance.DicomWebPlugin]);
            Directory.CreateDirectory(Path.Combine(directory, "logs"));
            resource = builder.AddExecutable(name, programs["Orthanc"]!, directory, $"--logdir={Path.Combine(directory, "logs")}", configuration)
                .WithHttpEndpoint(port: httpPort, name: "http", env: OrthancConfiguration.HttpPort)
                .WithEndpoint(port: dicomPort, name: "dicom", scheme: "tcp", env: OrthancConfiguration.DicomPort)
                .WithEnvironment("TCP_NODELAY", "1")
                .WithUrlForEndpoint("http", url => url.DisplayText = "Orthanc Explorer (user airadcr)");
        }
        var pacs = new OrthancPacs(resource, password, secret);
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new(healthCheck, _ => new OrthancHealthCheck(pacs), null, null));
        resource.WithEnvironment(OrthancConfiguration.Password, password).WithHealthCheck(healthCheck);
        return pacs;
    }

    /// <summary>Where Orthanc forwards stable studies (IA_SERVER) and whose HTTP API it tells when a study is whole.</summary>
    public OrthancPacs RoutesTo(IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ParameterResource> gatewayAdminKey, bool containers)
    {
        var dicom = gateway.GetEndpoint("dicom");
        var http = gateway.GetEndpoint("http");
        Resource.WithEnvironment(context =>
        {
            context.EnvironmentVariables[OrthancConfiguration.GatewayHost] = containers ? "host.docker.internal" : "127.0.0.1";
            context.EnvironmentVariables[OrthancConfiguration.GatewayPort] = dicom.Property(EndpointProperty.Port);
            context.EnvironmentVariables[OrthancConfiguration.GatewayUrl] = http;
            context.EnvironmentVariables[OrthancConfiguration.GatewayAdminKey] = gatewayAdminKey.Resource;
            return Task.CompletedTask;
        });
        return this;
    }
}
