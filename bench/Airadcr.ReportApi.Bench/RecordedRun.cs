using System.Diagnostics;

namespace Airadcr.ReportApi.Bench;

/// <summary>Maps <see cref="Stopwatch"/> timestamps of a run to UTC times, to line requests up with server logs.</summary>
internal readonly record struct ClockAnchor(DateTime Utc, long Timestamp)
{
    public DateTime ToUtc(long timestamp) => Utc + Stopwatch.GetElapsedTime(Timestamp, timestamp);
}

/// <summary>
/// What an open-loop run recorded, per request, in Stopwatch ticks (arrays filled in place during the run), and the
/// generator's own garbage collections during it (<see cref="GeneratorGcWindow"/>).
/// </summary>
internal sealed record RecordedRun(long[] SentAt, long[] Latency, long[] Lag, bool[] Failed, TimeSpan Elapsed, ClockAnchor Clock, int GeneratorCollections)
{
    /// <summary>Latencies of the requests answered with 2xx, in ms.</summary>
    public List<double> SuccessfulLatencies() =>
        [.. Enumerable.Range(0, Latency.Length).Where(i => !Failed[i]).Select(i => Milliseconds(Latency[i]))];

    public int Errors => Failed.Count(failed => failed);

    /// <summary>
    /// 99th percentile of the latencies counted from each request's scheduled time rather than its send (the two
    /// differ when the pacer fell behind, e.g. with every connection busy), and the largest pacing lag, in ms.
    /// </summary>
    public (double ScheduledP99, double MaxLag) FromSchedule()
    {
        var fromSchedule = Enumerable.Range(0, Latency.Length).Where(i => !Failed[i]).Select(i => Milliseconds(Latency[i] + Lag[i])).Order().ToList();
        return fromSchedule.Count == 0
            ? (double.NaN, double.NaN)
            : (fromSchedule[Math.Min(fromSchedule.Count - 1, (int)(0.99 * fromSchedule.Count))], Milliseconds(Lag.Max()));
    }

    /// <summary>
    /// The run's stalls: requests slower than <paramref name="thresholdMs"/> sent less than 50 ms apart form one stall
    /// (a server or machine pause delays every request sent during it). The <paramref name="count"/> worst, by time.
    /// </summary>
    public IReadOnlyList<Stall> Stalls(double thresholdMs, int count)
    {
        var stalls = new List<Stall>();
        var gap = Stopwatch.Frequency / 20;
        long lastSent = long.MinValue;
        foreach (var i in Enumerable.Range(0, Latency.Length).Where(i => Milliseconds(Latency[i]) > thresholdMs).OrderBy(i => SentAt[i]))
        {
            var ms = Milliseconds(Latency[i]);
            if (stalls.Count > 0 && SentAt[i] - lastSent < gap)
            {
                var last = stalls[^1];
                stalls[^1] = last with { Requests = last.Requests + 1, MaxMilliseconds = Math.Max(last.MaxMilliseconds, ms) };
            }
            else
            {
                stalls.Add(new Stall(Clock.ToUtc(SentAt[i]), 1, ms));
            }
            lastSent = SentAt[i];
        }
        return [.. stalls.OrderByDescending(s => s.MaxMilliseconds).Take(count).OrderBy(s => s.StartedAt)];
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>Consecutive slow requests of an open-loop run: when the first was sent (UTC), how many, the slowest.</summary>
internal readonly record struct Stall(DateTime StartedAt, int Requests, double MaxMilliseconds);
