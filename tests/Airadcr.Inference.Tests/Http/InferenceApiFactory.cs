using Airadcr.Inference.Tests.Engine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Airadcr.Inference.Tests.Http;

/// <summary>The real service in-process over a models folder (the shipped one by default) and optional settings.</summary>
public sealed class InferenceApiFactory(string? modelsPath = null, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Inference:ModelsPath", modelsPath ?? EngineHost.ShippedModels);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>One service over the shipped models for the HTTP tests that do not change its configuration.</summary>
public sealed class ShippedApi : IAsyncDisposable
{
    public InferenceApiFactory Factory { get; } = new();

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
