using System.Diagnostics;
using System.Globalization;

namespace Airadcr.Dicom.DeidBench;

/// <summary>One timed run: wall-clock seconds and CPU seconds (user + system) of whoever did the work.</summary>
internal readonly record struct Sample(double Wall, double Cpu);

/// <summary>
/// Medians of RUNS runs after one untimed warm-up run of each (JIT, page cache, Orthanc's caches). The runs are
/// interleaved (run 1 of every peer, then run 2...): on a shared machine whose load drifts over minutes, each peer
/// then sees the same load, which timing one peer after the other does not give.
/// </summary>
internal static class Timing
{
    public static async Task<IReadOnlyList<Sample>> InterleavedAsync(int runs, IReadOnlyList<Func<Task<Sample>>> peers)
    {
        foreach (var peer in peers)
        {
            await peer();
        }

        var samples = peers.Select(_ => new List<Sample>()).ToList();
        for (var run = 0; run < runs; run++)
        {
            for (var p = 0; p < peers.Count; p++)
            {
                samples[p].Add(await peers[p]());
            }
        }

        return [.. samples.Select(s => new Sample(Median(s.Select(x => x.Wall)), Median(s.Select(x => x.Cpu))))];
    }

    /// <summary>Times <paramref name="action"/> in this process (CPU: this process's, all threads).</summary>
    public static Sample InProcess(Action action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        return new Sample(watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>CPU seconds (user + system, all threads) a running process has used so far, from /proc.</summary>
    public static double ProcessCpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0; // utime, stime; CLK_TCK 100
    }

    private static double Median(IEnumerable<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
