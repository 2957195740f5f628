namespace Airadcr.Dicom.DeidBench;

/// <summary>Median seconds of RUNS timed runs, after one untimed warm-up run (JIT, page cache, Orthanc's caches).</summary>
internal static class Timing
{
    public static double Median(int runs, Func<double> run)
    {
        run();
        return Median(Enumerable.Range(0, runs).Select(_ => run()));
    }

    public static async Task<double> MedianAsync(int runs, Func<Task<double>> run)
    {
        await run();
        var seconds = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            seconds.Add(await run());
        }

        return Median(seconds);
    }

    private static double Median(IEnumerable<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
