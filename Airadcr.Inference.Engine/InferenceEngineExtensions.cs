using Airadcr.Inference.Engine.Analysis;
using Airadcr.Inference.Engine.Catalog;
using Airadcr.Inference.Engine.Dicom;
using Airadcr.Inference.Engine.Imaging;
using Airadcr.Inference.Engine.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Airadcr.Inference.Engine;

public static class InferenceEngineExtensions
{
    /// <summary>Registers the engine (options section <c>Inference</c>): provider, metrics, catalog, analyzer.</summary>
    public static IServiceCollection AddInferenceEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InferenceOptions>()
            .Bind(configuration.GetSection(InferenceOptions.SectionName))
            .Validate(o => o.MaxBatch >= 1 && o.QueueCapacity >= 1 && o.MaxWait >= TimeSpan.Zero && o.RetryAfterSeconds >= 1,
                "Inference: MaxBatch >= 1, QueueCapacity >= 1, MaxWait >= 0, RetryAfterSeconds >= 1")
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ExecutionProvider>();
        services.AddSingleton<InferenceMetrics>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<StudyAnalyzer>();
        services.AddSingleton<StudyReader>();
        services.TryAddSingleton<IImageDecoder, DicomImageDecoder>();
        return services;
    }
}
