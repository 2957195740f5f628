namespace Airadcr.Inference.Engine.Decoding;

/// <summary>What a model produced for a volume: per plane, the values of each named output.</summary>
public sealed record PlaneOutputs(IReadOnlyList<IReadOnlyDictionary<string, float[]>> Planes)
{
    public IReadOnlyList<float[]> Output(string name) => Planes.Select(p => p[name]).ToList();
}
