using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Airadcr.ServiceDefaults.Tests;

/// <summary>A real Kestrel application on a free loopback port.</summary>
internal sealed class LoopbackApp(WebApplication app) : IAsyncDisposable
{
    public WebApplication App { get; } = app;

    public Uri Address => new(App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public static async Task<LoopbackApp> StartAsync(
        Action<WebApplicationBuilder> configureBuilder, Action<WebApplication> configureApp, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        configureBuilder(builder);
        var app = builder.Build();
        configureApp(app);
        await app.StartAsync(cancellationToken);
        return new LoopbackApp(app);
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
