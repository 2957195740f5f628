using Airadcr.Inference.Engine.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Airadcr.Inference.Engine.Catalog;

/// <summary>
/// The models in the models folder: every <c>*.json</c> manifest whose ONNX file loads and warms becomes a
/// <see cref="CatalogModel"/>; any other becomes a <see cref="CatalogProblem"/> and the rest are still served.
/// Loaded once at construction (sessions created once).
/// </summary>
public sealed partial class ModelCatalog : IAsyncDisposable
{
    /// <summary>
    /// The plane size a model with a free input size is warmed at: a CT slice resampled to 1 mm (about 360 pixels), so
    /// that the first study's batches find the runtime's buffers already grown to their size.
    /// </summary>
    private const int WarmupSize = 384;
    private readonly Dictionary<string, CatalogModel> _models = new(StringComparer.Ordinal);
    private readonly List<CatalogProblem> _problems = [];

    public ModelCatalog(
        IOptions<InferenceOptions> options, ExecutionProvider provider,
        InferenceMetrics metrics, TimeProvider time, ILogger<ModelCatalog> logger)
    {
        var folder = Path.GetFullPath(options.Value.ModelsPath, AppContext.BaseDirectory);
        Folder = folder;
        if (!Directory.Exists(folder))
        {
            _problems.Add(new CatalogProblem(folder, null, "models folder does not exist"));
            LogProblem(logger, folder, "models folder does not exist");
            return;
        }

        foreach (var manifestPath in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(manifestPath);
            string? id = null;
            try
            {
                var manifest = ManifestReader.Read(manifestPath);
                id = manifest.Id;
                if (_models.ContainsKey(manifest.Id))
                {
                    throw new InvalidDataException($"model id '{manifest.Id}' is already served by another manifest");
                }

                var runner = Load(manifestPath, manifest, options.Value, provider, metrics, time);
                _models.Add(manifest.Id, new CatalogModel(manifest, runner));
                LogLoaded(logger, manifest.Id, manifest.Version, string.Join(",", manifest.Modalities));
            }
            catch (Exception e) when (e is InvalidDataException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or IOException)
            {
                _problems.Add(new CatalogProblem(name, id, e.Message));
                LogProblem(logger, name, e.Message);
            }
        }
    }

    public string Folder { get; }

    public IReadOnlyCollection<CatalogModel> Models => _models.Values;

    public IReadOnlyList<CatalogProblem> Problems => _problems;

    public bool TryGet(string id, out CatalogModel model) => _models.TryGetValue(id, out model!);

    public CatalogProblem? ProblemOf(string id) => _problems.FirstOrDefault(p => p.ModelId == id);

    private static BatchingModelRunner Load(
        string manifestPath, ModelManifest manifest, InferenceOptions options, ExecutionProvider provider,
        InferenceMetrics metrics, TimeProvider time)
    {
        var modelPath = ManifestReader.ModelPath(manifestPath, manifest);
        ManifestReader.CheckModelFile(modelPath, manifest);
        using var sessionOptions = provider.CreateSessionOptions();
        var session = new ModelSession(modelPath, manifest.Input.Name, manifest.Decoding.OutputNames, sessionOptions);
        try
        {
            var (height, width) = (manifest.Input.Height ?? WarmupSize, manifest.Input.Width ?? WarmupSize);
            var batch = Math.Max(1, options.MaxBatch);
            session.Run(new float[batch * height * width], batch, height, width);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            session.Dispose();
            throw new InvalidDataException($"warm-up run failed: {e.Message}", e);
        }

        return new BatchingModelRunner(manifest.Id, session, options, metrics, time);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var model in _models.Values)
        {
            await model.Runner.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = 611, Level = LogLevel.Information, Message = "Model {ModelId} {Version} loaded and warmed ({Modalities})")]
    private static partial void LogLoaded(ILogger logger, string modelId, string version, string modalities);

    [LoggerMessage(EventId = 612, Level = LogLevel.Error, Message = "Model manifest {File} not served: {Reason}")]
    private static partial void LogProblem(ILogger logger, string file, string reason);
}
