using Airadcr.Inference.Engine;
using Airadcr.Inference.Engine.Analysis;
using Airadcr.Inference.Engine.Catalog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Airadcr.Inference.Tests.Engine;

/// <summary>The engine as the service wires it, over a models folder (the shipped one by default).</summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost _host;

    public EngineHost(string? modelsPath = null, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Inference:ModelsPath"] = modelsPath ?? ShippedModels,
            ["Inference:ExecutionProvider"] = "auto",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddLogging();
        builder.Services.AddInferenceEngine(builder.Configuration);
        _host = builder.Build();
    }

    public static string ShippedModels => Path.Combine(AppContext.BaseDirectory, "models");

    public IServiceProvider Services => _host.Services;

    public StudyAnalyzer Analyzer => _host.Services.GetRequiredService<StudyAnalyzer>();

    public ModelCatalog Catalog => _host.Services.GetRequiredService<ModelCatalog>();

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}

/// <summary>One engine over the shipped models for the whole assembly (sessions are created once).</summary>
public sealed class ShippedEngine : IAsyncDisposable
{
    public EngineHost Host { get; } = new();

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
