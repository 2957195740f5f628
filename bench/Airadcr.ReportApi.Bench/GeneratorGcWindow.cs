namespace Airadcr.ReportApi.Bench;

/// <summary>
/// Counts the load generator's own garbage collections during an open-loop window. A collection in the generator
/// would hold its receiver threads as they return from recv and show as server latency; the window allocates
/// nothing per request, so 0 is expected, and the report's last column says so run by run.
/// </summary>
internal sealed class GeneratorGcWindow
{
    private readonly int collectionsAtStart = GC.CollectionCount(0);

    public static GeneratorGcWindow Start() => new();

    /// <summary>Collections (of any generation) in the generator since the window opened.</summary>
    public int Collections => GC.CollectionCount(0) - collectionsAtStart;
}
