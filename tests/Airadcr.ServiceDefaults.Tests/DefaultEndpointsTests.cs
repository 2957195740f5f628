using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Airadcr.ServiceDefaults.Tests;

public sealed class DefaultEndpointsTests
{
    private static Task<LoopbackApp> StartServiceAsync(Action<WebApplicationBuilder> configure, CancellationToken ct) =>
        LoopbackApp.StartAsync(builder =>
        {
            builder.AddServiceDefaults();
            configure(builder);
        }, app =>
        {
            app.MapDefaultEndpoints();
            app.MapGet("/hello", () => "hello");
        }, ct);

    [Fact]
    public async Task Alive_answers_healthy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await StartServiceAsync(_ => { }, ct);
        using var client = service.CreateClient();

        var response = await client.GetAsync("/alive", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task Ready_fails_while_a_dependency_check_fails_but_alive_does_not()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await StartServiceAsync(
            builder => builder.Services.AddHealthChecks().AddCheck("database", () => HealthCheckResult.Unhealthy()), ct);
        using var client = service.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/ready", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", ct)).StatusCode);
    }

    [Fact]
    public async Task Health_is_left_to_the_service()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await StartServiceAsync(_ => { }, ct);
        using var client = service.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/health", ct)).StatusCode);
    }

    [Fact]
    public async Task Metrics_are_scraped_in_prometheus_format()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await StartServiceAsync(_ => { }, ct);
        using var client = service.CreateClient();
        await client.GetStringAsync("/hello", ct);

        var scrape = await client.GetStringAsync("/metrics", ct);

        Assert.Contains("http_server_request_duration_seconds", scrape);
    }
}
