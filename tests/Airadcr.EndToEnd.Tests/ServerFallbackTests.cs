using System.Text.Json;
using Airadcr.AppHost.Hosting;
using Airadcr.Testing;

namespace Airadcr.EndToEnd.Tests;

/// <summary>
/// Issue 9's missing-binary rule through the AppHost's Program.cs: with no server program where it looks
/// (<c>--server-path</c> an empty folder), PostgreSQL, Redis and Orthanc are on their fallback, each naming its Debian
/// package, and the services run on their embedded defaults (SQLite, in-memory cache, no PACS).
/// </summary>
[Collection(nameof(AppHostProcessCollection))]
public sealed class ServerFallbackTests : IDisposable
{
    private readonly FixtureDirectory _directory = RunFolder.Create("e2e-fallback");

    [Fact]
    public async Task Without_server_programs_each_server_names_its_package_and_the_services_run_on_their_embedded_defaults()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = _directory.Combine("run");
        var noServers = Directory.CreateDirectory(_directory.Combine("no-servers")).FullName;
        await using var host = await AppHostTesting.StartAsync(
            ["--data", run, "--fresh", "--quiet", "--stable-seconds", "1", "--server-path", noServers], ct);
        var app = host.Application;

        AssertFallback(app["postgres"], "postgresql");
        AssertFallback(app["cache"], "redis-server");
        AssertFallback(app["pacs"], "orthanc");
        Assert.All(app.Resources.OfType<PostgresDatabaseResource>(), database => Assert.Equal(ResourceState.Fallback, database.State));
        Assert.All(app.Resources.OfType<ProjectResource>(), project => Assert.Equal(ResourceState.Running, project.State));

        var reportApi = (ProjectResource)app["reportapi"];
        Assert.DoesNotContain("ConnectionStrings__reportsdb", reportApi.Environment.Keys);
        Assert.DoesNotContain("ConnectionStrings__cache", reportApi.Environment.Keys);
        using (var client = new HttpClient { BaseAddress = new Uri(reportApi.Http.Url) })
        {
            using var health = JsonDocument.Parse(await client.GetStringAsync("/health", ct));
            Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        }
        AssertEmbeddedDatabase(run, "reportapi", "pending_reports.db");

        var gateway = (ProjectResource)app["dicomgateway"];
        Assert.DoesNotContain("ConnectionStrings__gatewaydb", gateway.Environment.Keys);
        Assert.DoesNotContain("Gateway__Pacs__Host", gateway.Environment.Keys);
        (await DcmtkTools.EchoAsync("IA_SERVER", gateway.GetEndpoint("dicom").Port, ct)).EnsureSuccess();
        AssertEmbeddedDatabase(run, "dicomgateway", "gateway.db");
    }

    /// <summary>The state the resource table shows: Fallback, with the install command of the package.</summary>
    private static void AssertFallback(Resource server, string aptPackage)
    {
        Assert.Equal(ResourceState.Fallback, server.State);
        Assert.Contains($"apt-get install -y --no-install-recommends {aptPackage})", server.StateDetail, StringComparison.Ordinal);
    }

    private static void AssertEmbeddedDatabase(string run, string service, string fileName) =>
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(run, service), fileName, SearchOption.AllDirectories));

    public void Dispose() => _directory.Dispose();
}
