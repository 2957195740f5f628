using System.Text.Json.Nodes;
using Airadcr.ReportApi.Configuration;
using Airadcr.ReportApi.TeoHub;
using Airadcr.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Airadcr.ReportApi.Tests.Embedded;

/// <summary>
/// The TÉO Hub client against a stand-in TÉO Hub (a real HTTP server on loopback speaking the upstream protocol:
/// GET /th_health, GET /th_get_ai_report, POST /th_post_approved_report, API_TOKEN header).
/// </summary>
public sealed class TeoHubClientTests : IAsyncLifetime
{
    private const string Token = "teo-token-123";
    private readonly int port = FreePort.Next();
    private WebApplication? hub;
    private int failuresLeft;
    private int reportCalls;
    private string? lastToken;
    private JsonNode? lastApproved;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        hub = builder.Build();
        hub.MapGet("/th_health", () => Results.Ok(new { status = "OK" }));
        hub.MapGet("/th_get_ai_report", (HttpRequest request, string patient_id, string study_uid) =>
        {
            reportCalls++;
            lastToken = request.Headers["API_TOKEN"];
            if (failuresLeft-- > 0)
            {
                return Results.StatusCode(503);
            }

            return patient_id == "UNKNOWN"
                ? Results.NotFound()
                : Results.Ok(new { result = new { structured_report = new { title = "IRM " + study_uid, results = "Normal", conclusion = "RAS" } } });
        });
        hub.MapPost("/th_post_approved_report", async (HttpRequest request) =>
        {
            lastApproved = await request.ReadFromJsonAsync<JsonNode>(Cancel);
            return Results.Ok(new { status = "OK" });
        });
        await hub.StartAsync(Cancel);
    }

    [Fact]
    public async Task Is_disabled_by_default()
    {
        using var client = Client(enabled: false);

        Assert.False(client.IsEnabled);
        Assert.False(await client.IsHealthyAsync(Cancel));
        await Assert.ThrowsAsync<TeoHubException>(() => client.GetAiReportAsync("P", "S", Cancel));
        Assert.Equal(0, reportCalls);
    }

    [Fact]
    public async Task Gets_the_ai_report_with_the_token_header()
    {
        using var client = Client();

        var report = await client.GetAiReportAsync("PAT1", "1.2.3", Cancel);

        Assert.Equal(new TeoAiReport("IRM 1.2.3", "Normal", "RAS"), report);
        Assert.Equal(Token, lastToken);
        Assert.True(await client.IsHealthyAsync(Cancel));
    }

    [Fact]
    public async Task Answers_null_when_teo_hub_has_no_report()
    {
        using var client = Client();

        Assert.Null(await client.GetAiReportAsync("UNKNOWN", "1.2.3", Cancel));
    }

    [Fact]
    public async Task Retries_server_errors_up_to_retry_count()
    {
        failuresLeft = 3;
        using var client = Client(retries: 3);

        Assert.NotNull(await client.GetAiReportAsync("PAT1", "1.2.3", Cancel));
        Assert.Equal(4, reportCalls);
    }

    [Fact]
    public async Task Gives_up_after_retry_count_retries()
    {
        failuresLeft = 10;
        using var client = Client(retries: 2);

        var error = await Assert.ThrowsAsync<TeoHubException>(() => client.GetAiReportAsync("PAT1", "1.2.3", Cancel));

        Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, reportCalls);
    }

    [Fact]
    public async Task Posts_the_approved_report()
    {
        using var client = Client();

        await client.PostApprovedReportAsync(new TeoApprovedReport("PAT1", "1.2.3", "Conclusion validée"), Cancel);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"patient_id":"PAT1","study_uid":"1.2.3","approved_report":"Conclusion validée"}"""), lastApproved));
    }

    [Fact]
    public async Task An_unreachable_teo_hub_fails_after_its_retries()
    {
        using var client = Client(retries: 1, port: FreePort.Next());

        await Assert.ThrowsAsync<TeoHubException>(() => client.GetAiReportAsync("PAT1", "1.2.3", Cancel));
        Assert.False(await client.IsHealthyAsync(Cancel));
    }

    private TeoHubClient Client(bool enabled = true, int retries = 0, int? port = null)
    {
        var options = new DesktopOptions
        {
            TeoHub = new TeoHubOptions { Enabled = enabled, Host = "127.0.0.1", Port = port ?? this.port, RetryCount = retries, RetryDelayMs = 1, TimeoutSecs = 30 },
        };
        var environment = new DesktopEnvironment("/nonexistent", "/nonexistent/config.toml", null, null, false, null, Token);
        return new TeoHubClient(Options.Create(options), environment, TimeProvider.System, NullLogger<TeoHubClient>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        if (hub is not null)
        {
            await hub.DisposeAsync();
        }
    }
}
