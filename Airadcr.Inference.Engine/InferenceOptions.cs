namespace Airadcr.Inference.Engine;

/// <summary>Configuration section <c>Inference</c>.</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "Inference";

    /// <summary>Folder scanned for <c>*.json</c> manifests and their ONNX files; relative to the application's base directory (where the shipped models are copied).</summary>
    public string ModelsPath { get; set; } = "models";

    /// <summary><c>auto</c> (CUDA when the native library offers it, else CPU), <c>cpu</c> or <c>cuda</c>.</summary>
    public string ExecutionProvider { get; set; } = "auto";

    /// <summary>Most planes run in one <c>InferenceSession.Run</c>.</summary>
    public int MaxBatch { get; set; } = 16;

    /// <summary>How long a batch waits for planes of other in-flight requests before it runs.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Most planes queued per model; a request that does not fit is refused (HTTP 503 + Retry-After).</summary>
    public int QueueCapacity { get; set; } = 2048;

    /// <summary>Seconds announced in Retry-After when the queue is full.</summary>
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>ONNX Runtime intra-op threads per session; 0 = ONNX Runtime's default.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Let ONNX Runtime's intra-op threads spin between runs (off: several sessions share the cores).</summary>
    public bool AllowSpinning { get; set; }
}
