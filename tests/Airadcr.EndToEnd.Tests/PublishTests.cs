using Airadcr.AppHost.Hosting;
using Airadcr.AppHost.Publishing;
using Airadcr.Testing;
using YamlDotNet.RepresentationModel;

namespace Airadcr.EndToEnd.Tests;

/// <summary><c>publish --output DIR</c>: the same graph as a docker-compose.yaml for a Docker host.</summary>
public sealed class PublishTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("e2e-publish");

    [Fact]
    public async Task Publish_writes_a_compose_file_with_official_images_our_images_and_the_aspire_dashboard()
    {
        var output = _directory.Combine("compose");
        Assert.Equal(0, await AppHostTesting.RunToCompletionAsync(["publish", "--output", output], TestContext.Current.CancellationToken));

        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(output, "docker-compose.yaml")))
        {
            yaml.Load(reader);
        }
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        string Image(string service) => ((YamlScalarNode)((YamlMappingNode)services[service])["image"]).Value!;
        string Env(string service, string key) => ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)services[service])["environment"])[key]).Value!;

        Assert.StartsWith("docker.io/library/postgres:", Image("postgres"));
        Assert.StartsWith("docker.io/library/redis:", Image("cache"));
        Assert.StartsWith("docker.io/orthancteam/orthanc:", Image("pacs"));
        Assert.StartsWith("docker.io/ohif/app:", Image("ohif"));
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspire-dashboard:", Image("aspire-dashboard"));
        foreach (var (service, project) in new[] { ("reportapi", "Airadcr.ReportApi"), ("dicomgateway", "Airadcr.DicomGateway"), ("inference", "Airadcr.Inference") })
        {
            Assert.Equal(ComposeImages.Project(project), Image(service));
            Assert.Equal(ComposePublisher.DashboardOtlp, Env(service, "OTEL_EXPORTER_OTLP_ENDPOINT"));
            Assert.Equal(service, Env(service, "OTEL_SERVICE_NAME"));
        }
        Assert.Equal("Host=postgres;Port=5432;Username=postgres;Password=${POSTGRES_PASSWORD};Database=reportsdb",
            Env("reportapi", "ConnectionStrings__reportsdb"));
        Assert.Equal("cache:6379,password=${REDIS_PASSWORD}", Env("dicomgateway", "ConnectionStrings__cache"));
        Assert.Equal("http://inference:8080", Env("dicomgateway", "services__inference__http__0"));
        Assert.Equal("http://dicomgateway:8080", Env("inference", "services__dicomgateway__http__0"));
        Assert.Equal("http://reportapi:8080", Env("dicomgateway", "services__reportapi__http__0"));
        Assert.Equal("reportapi", Env("reportapi", "Airadcr__allowed_hosts__0")); // its Host header behind compose
        Assert.Equal("pacs", Env("dicomgateway", "Gateway__Pacs__Host"));
        Assert.Equal(["8741:8080"], ((YamlSequenceNode)((YamlMappingNode)services["reportapi"])["ports"]).Select(p => ((YamlScalarNode)p).Value));
        Assert.Equal(["11112:11112"], ((YamlSequenceNode)((YamlMappingNode)services["dicomgateway"])["ports"]).Select(p => ((YamlScalarNode)p).Value));
        Assert.Contains("CREATE DATABASE \"gatewaydb\";", await File.ReadAllTextAsync(Path.Combine(output, "postgres-init", "01-databases.sql"), TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(output, "pacs", "route-to-ia-server.lua")));
        Assert.True(File.Exists(Path.Combine(output, ".env")));
    }

    public void Dispose() => _directory.Dispose();
}
