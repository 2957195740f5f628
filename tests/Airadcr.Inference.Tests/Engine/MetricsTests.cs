using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Airadcr.Inference.Engine.Runtime;
using Airadcr.Inference.Tests.Phantoms;

namespace Airadcr.Inference.Tests.Engine;

public sealed class MetricsTests(ShippedEngine engine)
{
    [Fact]
    public async Task An_analysis_records_run_latency_batch_size_queue_depth_and_the_provider_per_model()
    {
        var seen = new ConcurrentBag<(string Instrument, double Value, string Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == InferenceMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, v, Describe(tags))));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => seen.Add((i.Name, v, Describe(tags))));
        listener.Start();

        await engine.Host.Analyzer.AnalyzeAsync([BrainMrPhantom.Build()], ["mr-brain-volumetry"], TestContext.Current.CancellationToken);
        listener.RecordObservableInstruments();

        Assert.Contains(seen, m => m.Instrument == "airadcr.inference.run.duration" && m.Tags == "model=mr-brain-volumetry" && m.Value > 0);
        Assert.Contains(seen, m => m.Instrument == "airadcr.inference.batch.size" && m.Tags == "model=mr-brain-volumetry" && m.Value is >= 1 and <= 16);
        Assert.Contains(seen, m => m.Instrument == "airadcr.inference.analysis.duration" && m.Tags == "model=mr-brain-volumetry");
        Assert.Contains(seen, m => m.Instrument == "airadcr.inference.queue.depth" && m.Tags == "model=mr-brain-volumetry");
        Assert.Contains(seen, m => m.Instrument == "airadcr.inference.execution_provider" && m.Tags == "provider=CPU" && m.Value == 1);
    }

    private static string Describe(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        return string.Join(",", parts);
    }
}
