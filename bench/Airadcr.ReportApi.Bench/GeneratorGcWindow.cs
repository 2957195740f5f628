using System.Runtime;

namespace Airadcr.ReportApi.Bench;

/// <summary>
/// The measured window of an open-loop run, kept free of the generator's own garbage collections: the heap is
/// collected, blocking, before it (the previous run's connections, read buffers and result lists are garbage by
/// then, 8 MB of buffers per run; left to the runtime, a background collection of them overlapped the next run) and
/// the window runs in a no-GC region. A collection in the generator holds its receiver threads as they return from
/// recv and shows as server latency. <see cref="Collections"/> says how many happened in the window anyway.
/// </summary>
internal sealed class GeneratorGcWindow : IDisposable
{
    /// <summary>Enough for what the window allocates (the pacer's thread): nothing per request.</summary>
    private const long Budget = 16L * 1024 * 1024;

    private readonly bool region;
    private readonly int collectionsAtStart;

    private GeneratorGcWindow()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        region = GC.TryStartNoGCRegion(Budget); // itself collects first
        collectionsAtStart = GC.CollectionCount(0);
    }

    public static GeneratorGcWindow Start() => new();

    /// <summary>Collections (of any generation) in the generator since the window opened: 0 expected.</summary>
    public int Collections => GC.CollectionCount(0) - collectionsAtStart;

    public void Dispose()
    {
        if (region && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            GC.EndNoGCRegion();
        }
    }
}
