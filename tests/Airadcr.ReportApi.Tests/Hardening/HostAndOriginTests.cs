using System.Net;
using Airadcr.ReportApi.Tests.Infrastructure;

namespace Airadcr.ReportApi.Tests.Hardening;

/// <summary>
/// Issue 20, item 4 (DNS rebinding): a page on evil.example resolving its name to 127.0.0.1 must not read reports, so
/// a Host that is not the listen address or a configured name is refused, and so is a browser's foreign Origin.
/// </summary>
public sealed class HostAndOriginTests : IAsyncDisposable
{
    private readonly ReportApiFactory api = new(new Dictionary<string, string?>(),
        new Dictionary<string, string?> { ["Airadcr:allowed_hosts:0"] = "reportapi.example" });

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:8741")]
    [InlineData("127.0.0.1.evil.example")]
    public async Task A_foreign_host_header_is_refused(string host)
    {
        await StoreAsync("REBIND_1");

        using var response = await ReadAsync("/find-report?accession_number=ACC_REBIND_1", request => request.Headers.Host = host);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("REBIND_1", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:8741")]
    [InlineData("localhost:8741")]
    [InlineData("[::1]:8741")]
    [InlineData("reportapi.example")]
    public async Task Loopback_names_and_configured_hosts_are_answered(string host)
    {
        await StoreAsync("REBIND_2");

        using var response = await ReadAsync("/find-report?accession_number=ACC_REBIND_2", request => request.Headers.Host = host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith($"http://{host}/pending-report", (string?)(await response.JsonAsync())["retrieval_url"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/pending-report?tid=REBIND_3")]
    [InlineData("GET", "/find-report?accession_number=ACC_REBIND_3")]
    [InlineData("DELETE", "/pending-report?tid=REBIND_3")]
    [InlineData("POST", "/open-report?tid=REBIND_3")]
    public async Task A_request_from_a_foreign_origin_is_refused(string method, string path)
    {
        await StoreAsync("REBIND_3");

        using var response = await ReadAsync(path, request =>
        {
            request.Method = new HttpMethod(method);
            request.Headers.Add("Origin", "http://evil.example");
            request.Headers.Add("X-API-Key", TestKeys.Api);
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("origin", (string?)(await response.JsonAsync())["field"]);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync("/find-report?accession_number=ACC_REBIND_3", _ => { })).StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8741")]
    [InlineData("http://localhost")]
    [InlineData("https://airadcr.com")]
    public async Task A_request_from_the_api_itself_or_the_iframe_origin_is_answered(string origin)
    {
        await StoreAsync("REBIND_4");

        using var response = await ReadAsync("/find-report?accession_number=ACC_REBIND_4", request => request.Headers.Add("Origin", origin));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Allowed_hosts_and_origins_come_from_config_toml_lists()
    {
        var directory = Directory.CreateTempSubdirectory("airadcr-reportapi-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "config.toml"),
            "allowed_hosts = [\"toml.example\"]\nallowed_origins = [\"https://ris.example\"]\n", Token);
        await using var configured = new ReportApiFactory(new Dictionary<string, string?>(), dataDirectory: directory);
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = "toml.example";
        request.Headers.Add("Origin", "https://ris.example");

        using var response = await configured.CreateClient().SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await configured.DisposeAsync();
        await configured.DeleteDataDirectoryAsync();
    }

    private async Task StoreAsync(string tid)
    {
        using var response = await api.CreateClient().WithApiKey().PostReportAsync(SampleReports.Minimal(tid, accession: "ACC_" + tid));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<HttpResponseMessage> ReadAsync(string path, Action<HttpRequestMessage> configure)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure(request);
        return api.CreateClient().SendAsync(request, Token);
    }

    public async ValueTask DisposeAsync()
    {
        await api.DisposeAsync();
        await api.DeleteDataDirectoryAsync();
    }
}
