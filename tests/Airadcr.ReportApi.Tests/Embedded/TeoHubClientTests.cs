using System.Text.Json.Nodes;
using Airadcr.ReportApi.Configuration;
using Airadcr.ReportApi.TeoHub;
using Airadcr.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Airadcr.ReportApi.Tests.Embedded;

/// <summary>
/// The TÉO Hub client against <see cref="TeoHubStandIn"/> (a real HTTP server on loopback speaking the upstream protocol:
/// GET /th_health, GET /th_get_ai_report, POST /th_post_approved_report, API_TOKEN header).
/// </summary>
public sealed class TeoHubClientTests : IAsyncDisposable
{
    private const string Token = "teo-token-123";
    private readonly TeoHubStandIn hub = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Is_disabled_by_default()
    {
        using var client = Client(enabled: false);

        Assert.False(client.IsEnabled);
        Assert.False(await client.IsHealthyAsync(Cancel));
        await Assert.ThrowsAsync<TeoHubException>(() => client.GetAiReportAsync("P", "S", Cancel));
        Assert.Equal(0, hub.ReportCalls);
    }

    [Fact]
    public async Task Gets_the_ai_report_with_the_token_header()
    {
        using var client = Client();

        var report = await client.GetAiReportAsync("PAT1", "1.2.3", Cancel);

        Assert.Equal(new TeoAiReport("IRM 1.2.3", "Normal", "RAS"), report);
        Assert.Equal(Token, hub.LastToken);
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
        hub.FailuresLeft = 3;
        using var client = Client(retries: 3);

        Assert.NotNull(await client.GetAiReportAsync("PAT1", "1.2.3", Cancel));
        Assert.Equal(4, hub.ReportCalls);
    }

    [Fact]
    public async Task Gives_up_after_retry_count_retries()
    {
        hub.FailuresLeft = 10;
        using var client = Client(retries: 2);

        var error = await Assert.ThrowsAsync<TeoHubException>(() => client.GetAiReportAsync("PAT1", "1.2.3", Cancel));

        Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, hub.ReportCalls);
    }

    [Fact]
    public async Task Posts_the_approved_report()
    {
        using var client = Client();

        await client.PostApprovedReportAsync(new TeoApprovedReport("PAT1", "1.2.3", "Conclusion validée"), Cancel);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"patient_id":"PAT1","study_uid":"1.2.3","approved_report":"Conclusion validée"}"""), Assert.Single(hub.ApprovedReports)));
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
            TeoHub = new TeoHubOptions { Enabled = enabled, Host = "127.0.0.1", Port = port ?? hub.Port, RetryCount = retries, RetryDelayMs = 1, TimeoutSecs = 30 },
        };
        var environment = new DesktopEnvironment("/nonexistent", "/nonexistent/config.toml", null, null, false, null, Token);
        return new TeoHubClient(Options.Create(options), environment, TimeProvider.System, NullLogger<TeoHubClient>.Instance);
    }

    public ValueTask DisposeAsync() => hub.DisposeAsync();
}
