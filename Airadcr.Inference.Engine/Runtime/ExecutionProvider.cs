using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Airadcr.Inference.Engine.Runtime;

/// <summary>
/// The execution provider chosen once at start: CUDA when asked for (or <c>auto</c>) and the native library offers
/// it, else CPU. Creates the session options every model session uses.
/// </summary>
public sealed partial class ExecutionProvider
{
    public const string Cpu = "CPU";
    public const string Cuda = "CUDA";

    private readonly int _intraOpThreads;
    private readonly bool _allowSpinning;

    public ExecutionProvider(IOptions<InferenceOptions> options, ILogger<ExecutionProvider> logger)
    {
        _intraOpThreads = options.Value.IntraOpThreads;
        _allowSpinning = options.Value.AllowSpinning;
        var requested = options.Value.ExecutionProvider.Trim().ToLowerInvariant();
        var available = OrtEnv.Instance().GetAvailableProviders();
        (Name, Reason) = requested switch
        {
            "cpu" => (Cpu, "configured"),
            "cuda" or "auto" => TryCuda(available),
            _ => throw new InvalidOperationException($"Inference:ExecutionProvider '{requested}' is not one of auto, cpu, cuda."),
        };
        LogChosen(logger, Name, Reason, string.Join(",", available));
    }

    /// <summary><see cref="Cpu"/> or <see cref="Cuda"/>.</summary>
    public string Name { get; }

    public string Reason { get; }

    public SessionOptions CreateSessionOptions()
    {
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (_intraOpThreads > 0)
        {
            options.IntraOpNumThreads = _intraOpThreads;
        }

        // Every model has its own intra-op thread pool; spinning pools of idle models steal cores from the busy one.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", _allowSpinning ? "1" : "0");

        if (Name == Cuda)
        {
            options.AppendExecutionProvider_CUDA(0);
        }

        return options;
    }

    private static (string, string) TryCuda(string[] available)
    {
        if (!available.Contains("CUDAExecutionProvider"))
        {
            return (Cpu, "CUDAExecutionProvider not in this ONNX Runtime build");
        }

        try
        {
            using var probe = new SessionOptions();
            probe.AppendExecutionProvider_CUDA(0);
            return (Cuda, "CUDA device 0");
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException or OnnxRuntimeException)
        {
            return (Cpu, "CUDA unavailable: " + e.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 601, Level = LogLevel.Information,
        Message = "ONNX Runtime execution provider {Provider} ({Reason}); available: {Available}")]
    private static partial void LogChosen(ILogger logger, string provider, string reason, string available);
}
