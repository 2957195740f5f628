using System.Text.Json;
using Airadcr.Testing;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Airadcr.EndToEnd.Tests;

/// <summary>
/// The missing-binary rule through the AppHost: with no server program where it looks (<c>--server-path</c> an empty
/// folder, no <c>--strict</c>), PostgreSQL, Redis and Orthanc are left out of the graph (each named with its package)
/// and the services run on their embedded defaults (SQLite, in-memory cache, no PACS).
/// </summary>
[Collection(nameof(AppHostProcessCollection))]
public sealed class ServerFallbackTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("e2e-fallback");

    [Fact]
    public async Task Without_server_programs_the_services_run_on_their_embedded_defaults()
    {
        var ct = TestContext.Current.CancellationToken;
        var noServers = Directory.CreateDirectory(_directory.Combine("no-servers")).FullName;
        var graph = new AspireGraph { ExtraArguments = ["--server-path", noServers], Strict = false };
        await graph.InitializeAsync();
        await using (graph)
        {
            var model = graph.App.Services.GetRequiredService<DistributedApplicationModel>();
            Assert.DoesNotContain(model.Resources, r => r.Name is "postgres" or "cache" or "pacs" or "reportsdb");

            using (var client = new HttpClient { BaseAddress = graph.Endpoint("reportapi") })
            {
                using var health = JsonDocument.Parse(await client.GetStringAsync("/health", ct));
                Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
            }
            AssertEmbeddedDatabase(graph.Run, "reportapi", "pending_reports.db");
            (await DcmtkTools.EchoAsync("IA_SERVER", graph.Port("dicomgateway", "dicom"), ct)).EnsureSuccess();
            AssertEmbeddedDatabase(graph.Run, "dicomgateway", "gateway.db");
        }
    }

    private static void AssertEmbeddedDatabase(string run, string service, string fileName) =>
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(run, service), fileName, SearchOption.AllDirectories));

    public void Dispose() => _directory.Dispose();
}
