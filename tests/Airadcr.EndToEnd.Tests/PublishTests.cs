using Airadcr.AppHost.Publishing;
using Airadcr.Testing;
using YamlDotNet.RepresentationModel;

namespace Airadcr.EndToEnd.Tests;

/// <summary><c>publish --output DIR</c>: the Aspire app model as a docker-compose.yaml for a Docker host.</summary>
[Collection(nameof(AppHostProcessCollection))]
public sealed class PublishTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("e2e-publish");

    [Fact]
    public async Task Publish_writes_the_app_model_as_compose_with_official_images_our_images_the_dashboard_and_health_checks()
    {
        var ct = TestContext.Current.CancellationToken;
        var output = _directory.Combine("compose");
        await using (var appHost = AppHostProcess.Start(["publish", "--output", output]))
        {
            await appHost.WaitForExitAsync(ct);
            Assert.True(appHost.ExitCode == 0, appHost.Output);
        }

        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(output, "docker-compose.yaml")))
        {
            yaml.Load(reader);
        }
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        YamlMappingNode Service(string name) => (YamlMappingNode)services[name];
        string Image(string service) => ((YamlScalarNode)Service(service)["image"]).Value!;
        string Env(string service, string key) => ((YamlScalarNode)((YamlMappingNode)Service(service)["environment"])[key]).Value!;
        IEnumerable<string> List(string service, string key) => ((YamlSequenceNode)Service(service)[key]).Select(p => ((YamlScalarNode)p).Value!);

        Assert.StartsWith("docker.io/library/postgres:", Image("postgres"));
        Assert.StartsWith("docker.io/library/redis:", Image("cache"));
        Assert.StartsWith("docker.io/orthancteam/orthanc:", Image("pacs"));
        Assert.Equal(ComposePublisher.DashboardImage, Image("aspire-dashboard"));
        Assert.False(services.Children.ContainsKey(new YamlScalarNode("ohif")), "OHIF is served by the Web, one version everywhere");
        foreach (var (service, image) in new[] { ("reportapi", "airadcr.reportapi"), ("dicomgateway", "airadcr.dicomgateway"), ("inference", "airadcr.inference"), ("web", "airadcr.web") })
        {
            Assert.Equal(image + ":latest", Image(service));
            Assert.Equal(ComposePublisher.DashboardOtlp, Env(service, "OTEL_EXPORTER_OTLP_ENDPOINT"));
            Assert.Equal(service, Env(service, "OTEL_SERVICE_NAME"));
        }
        Assert.Equal("Host=postgres;Port=5432;Username=postgres;Password=${POSTGRES_PASSWORD};Database=reportsdb", Env("reportapi", "ConnectionStrings__reportsdb"));
        Assert.Equal("cache:6379,password=${CACHE_PASSWORD}", Env("dicomgateway", "ConnectionStrings__cache"));
        Assert.Equal("http://inference:8080", Env("dicomgateway", "services__inference__http__0"));
        Assert.Equal("http://dicomgateway:8080", Env("inference", "services__dicomgateway__http__0"));
        Assert.Equal("http://reportapi:8080", Env("dicomgateway", "services__reportapi__http__0"));
        Assert.Equal("reportapi", Env("reportapi", "Airadcr__allowed_hosts__0")); // its Host header behind compose
        Assert.Equal("pacs", Env("dicomgateway", "Gateway__Pacs__Host"));
        Assert.Equal("http://pacs:8042", Env("web", "Web__Orthanc__Url"));
        Assert.Equal("${REPORTAPI_KEY}", Env("reportapi", "AIRADCR_PROD_API_KEY"));
        Assert.Equal("${REPORTAPI_KEY}", Env("dicomgateway", "Gateway__ReportApiKey"));
        Assert.Equal(["8741:8080"], List("reportapi", "ports"));
        Assert.Contains("11112:11112", List("dicomgateway", "ports"));
        Assert.Contains("8042:8042", List("pacs", "ports"));
        Assert.Equal("service_healthy", ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)Service("reportapi")["depends_on"])["postgres"])["condition"]).Value);
        Assert.True(Service("postgres").Children.ContainsKey(new YamlScalarNode("healthcheck")));
        Assert.True(Service("pacs").Children.ContainsKey(new YamlScalarNode("healthcheck")));
        Assert.Contains("CREATE DATABASE \"gatewaydb\";", await File.ReadAllTextAsync(Path.Combine(output, "postgres-init", "01-databases.sql"), ct));
        Assert.True(File.Exists(Path.Combine(output, "pacs", "route-to-ia-server.lua")));
        var environmentFile = await File.ReadAllTextAsync(Path.Combine(output, ".env"), ct);
        Assert.Contains("POSTGRES_PASSWORD=", environmentFile, StringComparison.Ordinal);
        // The ReportApi accepts keys of its own format only: airadcr_ and at least 32 characters.
        Assert.Matches(@"(?m)^REPORTAPI_KEY=airadcr_[0-9a-f]{48}$", environmentFile);
    }

    public void Dispose() => _directory.Dispose();
}
