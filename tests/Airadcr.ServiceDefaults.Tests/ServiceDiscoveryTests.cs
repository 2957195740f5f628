namespace Airadcr.ServiceDefaults.Tests;

public sealed class ServiceDiscoveryTests
{
    [Fact]
    public async Task Resolves_a_service_name_from_aspire_environment_variables()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var target = await LoopbackApp.StartAsync(_ => { }, app => app.MapGet("/ping", () => "pong"), ct);
        // Aspire injects services__{name}__http__0; the environment provider maps "__" to ":".
        Environment.SetEnvironmentVariable("services__discoverytarget__http__0", target.Address.ToString().TrimEnd('/'));
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.AddServiceDefaults();
            using var host = builder.Build();
            var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

            Assert.Equal("pong", await client.GetStringAsync("http://discoverytarget/ping", ct));
        }
        finally
        {
            Environment.SetEnvironmentVariable("services__discoverytarget__http__0", null);
        }
    }

    [Fact]
    public async Task Every_http_client_retries_transient_failures()
    {
        var ct = TestContext.Current.CancellationToken;
        var calls = 0;
        await using var target = await LoopbackApp.StartAsync(_ => { }, app => app.MapGet("/flaky",
            () => Interlocked.Increment(ref calls) <= 2 ? Results.StatusCode(503) : Results.Text("ok")), ct);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["services:flaky:http:0"] = target.Address.ToString().TrimEnd('/');
        builder.AddServiceDefaults();
        using var host = builder.Build();
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        Assert.Equal("ok", await client.GetStringAsync("http://flaky/flaky", ct));
        Assert.Equal(3, calls);
    }
}
