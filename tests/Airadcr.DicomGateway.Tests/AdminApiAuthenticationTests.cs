using System.Globalization;
using System.Net;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>The admin API: X-Admin-Key when Gateway:AdminKey is set; mandatory once the service listens beyond loopback.</summary>
public sealed class AdminApiAuthenticationTests : IDisposable
{
    private const string Key = "admin-key-for-tests-0123456789";
    private readonly FixtureDirectory _directory = new("gateway-admin");

    [Fact]
    public async Task With_an_admin_key_admin_requests_need_it_and_others_do_not()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = new GatewayHost(GatewayMode.Embedded, new Dictionary<string, string> { ["Gateway:AdminKey"] = Key });
        await gateway.InitializeAsync();
        using var client = gateway.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/admin/queues", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, "/admin/queues", "wrong-key", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, "/admin/queues", Key, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/studies", ct)).StatusCode);
    }

    [Fact]
    public async Task Listening_beyond_loopback_without_a_key_refuses_the_admin_api()
    {
        var ct = TestContext.Current.CancellationToken;
        var httpPort = FreePort.Next();
        await using var gateway = await GatewayProcess.StartAsync(_directory.Combine("storage"), FreePort.Next(), _directory.Combine("gateway.log"), ct,
            httpPort, new Dictionary<string, string> { ["ASPNETCORE_URLS"] = AllInterfaces(httpPort) });

        var response = await gateway.HttpClient.GetAsync("/admin/queues", ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Gateway:AdminKey", await response.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task Listening_beyond_loopback_with_a_key_serves_callers_presenting_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var httpPort = FreePort.Next();
        await using var gateway = await GatewayProcess.StartAsync(_directory.Combine("storage"), FreePort.Next(), _directory.Combine("gateway.log"), ct,
            httpPort, new Dictionary<string, string> { ["ASPNETCORE_URLS"] = AllInterfaces(httpPort), ["Gateway__AdminKey"] = Key });

        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.HttpClient.GetAsync("/admin/queues", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(gateway.HttpClient, "/admin/queues", Key, ct)).StatusCode);
    }

    private static string AllInterfaces(int port) => $"http://0.0.0.0:{port.ToString(CultureInfo.InvariantCulture)}";

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string key, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Admin-Key", key);
        return client.SendAsync(request, ct);
    }

    public void Dispose() => _directory.Dispose();
}
