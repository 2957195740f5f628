using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Airadcr.Inference.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Airadcr.Inference.Tests.Engine;

public sealed class BatchingTests
{
    [Fact]
    public async Task Planes_of_concurrent_requests_share_a_batch_and_each_gets_its_own_outputs_back()
    {
        using var folder = new ModelsFolder("mr-brain-volumetry");
        await using var host = new EngineHost(folder.Path, new Dictionary<string, string?> { ["Inference:MaxBatch"] = "16" });
        Assert.True(host.Catalog.TryGet("mr-brain-volumetry", out var model));
        var batches = new ConcurrentQueue<int>();
        using var listener = BatchSizes(batches, host.Services.GetRequiredService<IMeterFactory>());
        const int size = 128;
        var first = Enumerable.Range(0, 17).Select(i => Plane(size, i % 2 == 0 ? 0.5f : 0f)).ToList();
        var second = new List<float[]> { Plane(size, 0.5f) };

        // The first request (17 planes > MaxBatch) goes through the queue; the second arrives while its first batch
        // of 16 runs, so the 17th plane and the second request's plane make one batch of 2.
        var a = model.Runner.RunAsync(first, size, size, TestContext.Current.CancellationToken);
        var b = model.Runner.RunAsync(second, size, size, TestContext.Current.CancellationToken);
        var (outA, outB) = (await a, await b);

        Assert.Equal([16, 2], batches.ToArray());
        Assert.Equal(17, outA.Count);
        Assert.All(outA.Select((o, i) => (o, i)), x => Assert.Equal(x.i % 2 == 0 ? 1f : 0f, x.o["tissue_mask"][(size * size / 2) + (size / 2)]));
        Assert.Equal(1f, Assert.Single(outB)["tissue_mask"][(size * size / 2) + (size / 2)]);
    }

    private static float[] Plane(int size, float value) => Enumerable.Repeat(value, size * size).ToArray();

    /// <summary>Batch sizes recorded by this host's meter only (other tests run other engines in parallel).</summary>
    private static MeterListener BatchSizes(ConcurrentQueue<int> sizes, IMeterFactory factory)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Meter.Name == InferenceMetrics.MeterName && instrument.Name == "airadcr.inference.batch.size")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => sizes.Enqueue(value));
        listener.Start();
        return listener;
    }
}
