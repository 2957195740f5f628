using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Airadcr.Inference.Engine.Runtime;

/// <summary>One ONNX model loaded once: runs NCHW float batches with one channel and returns the named outputs.</summary>
public sealed class ModelSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public ModelSession(string path, string inputName, IEnumerable<string> outputNames, SessionOptions options)
    {
        _session = new InferenceSession(path, options);
        if (!_session.InputMetadata.ContainsKey(inputName))
        {
            _session.Dispose();
            throw new InvalidDataException(
                $"input '{inputName}' not in the model (it has: {string.Join(", ", _session.InputMetadata.Keys)})");
        }

        _outputNames = outputNames.Distinct().ToArray();
        var missing = _outputNames.Where(o => !_session.OutputMetadata.ContainsKey(o)).ToList();
        if (missing.Count > 0)
        {
            _session.Dispose();
            throw new InvalidDataException(
                $"output(s) {string.Join(", ", missing)} not in the model (it has: {string.Join(", ", _session.OutputMetadata.Keys)})");
        }

        _inputNames = [inputName];
    }

    /// <summary>Runs <paramref name="count"/> planes of <paramref name="height"/> x <paramref name="width"/> laid out contiguously.</summary>
    /// <returns>Per output name, the values of each plane (the batch split along its first dimension).</returns>
    public IReadOnlyDictionary<string, float[][]> Run(float[] batch, int count, int height, int width)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(batch, [count, 1, height, width]);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, _inputNames, [input], _outputNames);
        var result = new Dictionary<string, float[][]>(_outputNames.Length);
        for (var i = 0; i < _outputNames.Length; i++)
        {
            result[_outputNames[i]] = Split(outputs[i], count);
        }

        return result;
    }

    private static float[][] Split(OrtValue output, int count)
    {
        var info = output.GetTensorTypeAndShape();
        var perItem = (int)(info.ElementCount / count);
        var items = new float[count][];
        for (var n = 0; n < count; n++)
        {
            items[n] = new float[perItem];
        }

        switch (info.ElementDataType)
        {
            case TensorElementType.Float:
                var floats = output.GetTensorDataAsSpan<float>();
                for (var n = 0; n < count; n++)
                {
                    floats.Slice(n * perItem, perItem).CopyTo(items[n]);
                }

                break;
            case TensorElementType.Int64:
                var longs = output.GetTensorDataAsSpan<long>();
                for (var n = 0; n < count; n++)
                {
                    for (var i = 0; i < perItem; i++)
                    {
                        items[n][i] = longs[(n * perItem) + i];
                    }
                }

                break;
            default:
                throw new InvalidDataException($"output element type {info.ElementDataType} is not supported (float or int64)");
        }

        return items;
    }

    public void Dispose() => _session.Dispose();
}
