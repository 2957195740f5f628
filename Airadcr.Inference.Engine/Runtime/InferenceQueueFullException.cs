namespace Airadcr.Inference.Engine.Runtime;

/// <summary>A model's queue cannot take a request's planes now; retry after <see cref="RetryAfter"/>.</summary>
public sealed class InferenceQueueFullException(string modelId, TimeSpan retryAfter)
    : Exception($"The queue of model '{modelId}' is full; retry later.")
{
    public string ModelId { get; } = modelId;

    public TimeSpan RetryAfter { get; } = retryAfter;
}
