using System.Diagnostics.Metrics;

namespace Airadcr.Inference.Engine.Runtime;

/// <summary>
/// Meter <c>Airadcr.Inference</c>: run latency and batch size per model, queue depth per model, provider in use.
/// Tags carry model ids only, never anything about the patient.
/// </summary>
public sealed class InferenceMetrics
{
    public const string MeterName = "Airadcr.Inference";

    private readonly Histogram<double> _runDuration;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _analysisDuration;
    private readonly List<(string Model, Func<int> Depth)> _queues = [];
    private readonly Lock _gate = new();

    public InferenceMetrics(IMeterFactory meterFactory, ExecutionProvider provider)
    {
        var meter = meterFactory.Create(MeterName);
        _runDuration = meter.CreateHistogram<double>("airadcr.inference.run.duration", "s",
            "Duration of one InferenceSession.Run (one batch) per model");
        _batchSize = meter.CreateHistogram<int>("airadcr.inference.batch.size", "{plane}",
            "Planes per InferenceSession.Run per model");
        _analysisDuration = meter.CreateHistogram<double>("airadcr.inference.analysis.duration", "s",
            "Duration of one model over one series, pre-processing to findings");
        meter.CreateObservableGauge("airadcr.inference.queue.depth", ObserveQueues, "{plane}",
            "Planes waiting per model");
        meter.CreateObservableGauge("airadcr.inference.execution_provider", () =>
            new Measurement<int>(1, new KeyValuePair<string, object?>("provider", provider.Name)),
            description: "Execution provider in use (value 1, provider in the tag)");
    }

    public void RecordRun(string model, int batchSize, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("model", model);
        _runDuration.Record(duration.TotalSeconds, tag);
        _batchSize.Record(batchSize, tag);
    }

    public void RecordAnalysis(string model, TimeSpan duration) =>
        _analysisDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("model", model));

    public void TrackQueue(string model, Func<int> depth)
    {
        lock (_gate)
        {
            _queues.Add((model, depth));
        }
    }

    private IEnumerable<Measurement<int>> ObserveQueues()
    {
        lock (_gate)
        {
            return _queues.Select(q => new Measurement<int>(q.Depth(), new KeyValuePair<string, object?>("model", q.Model))).ToList();
        }
    }
}
