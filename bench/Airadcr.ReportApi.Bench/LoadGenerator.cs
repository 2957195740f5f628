using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Airadcr.ReportApi.Bench;

/// <summary>
/// Drives one target with POST /pending-report (the spec's example body, a fresh technical id each time) and
/// GET /pending-report?tid= (ids stored earlier, in turn: the first GETs of an id mark it retrieved, later ones read
/// it again; with <c>unreadFirst</c>, ids never read are taken first while there are any), closed-loop at a fixed
/// concurrency or open-loop at a fixed rate. Each run also reports the server process's CPU time per request and,
/// for GET, the share of first reads.
/// </summary>
internal sealed class LoadGenerator(string baseUrl, Func<TimeSpan> serverCpuTime, bool unreadFirst)
{
    public const string Post = "POST";
    public const string Get = "GET";

    /// <summary>How many of an open-loop run's slowest requests are kept, with the time they were sent.</summary>
    public const int SlowestKept = 30;
    private readonly HttpClient http = CreateClient(baseUrl);
    private readonly ConcurrentQueue<string> stored = new();
    private readonly ConcurrentQueue<string> unread = new();
    private readonly ConcurrentDictionary<string, bool> read = new();
    private int sequence;
    private int firstReads;

    public async Task<LoadResult> RunClosedAsync(string target, string operation, int concurrency, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var measure = StartMeasure();
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var (ok, ms) = await SendAsync(operation);
                latencies.Add(ms);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        return measure.Result(target, $"closed, {concurrency} concurrent", operation, [.. latencies], errors, Stopwatch.GetElapsedTime(started));
    }

    public async Task<LoadResult> RunOpenAsync(string target, string operation, int rate, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var total = (int)(rate * duration.TotalSeconds);
        var timed = new ConcurrentBag<(DateTime SentAt, double Milliseconds)>();
        var measure = StartMeasure();
        var started = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = started + (long)(i * Stopwatch.Frequency / (double)rate);
            while (Stopwatch.GetTimestamp() < due)
            {
                await Task.Delay(1);
            }

            inFlight.Add(Task.Run(async () =>
            {
                var sentAt = DateTime.UtcNow;
                var (ok, ms) = await SendAsync(operation);
                latencies.Add(ms);
                timed.Add((sentAt, ms));
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }));
        }

        await Task.WhenAll(inFlight);
        return measure.Result(target, $"open, {rate} req/s", operation, [.. latencies], errors, Stopwatch.GetElapsedTime(started)) with
        {
            Slowest = [.. timed.OrderByDescending(t => t.Milliseconds).Take(SlowestKept)],
        };
    }

    private async Task<(bool Ok, double Milliseconds)> SendAsync(string operation)
    {
        using var request = operation == Post ? PostRequest() : GetRequest();
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return (response.IsSuccessStatusCode, Stopwatches.Milliseconds(start));
        }
        catch (HttpRequestException)
        {
            return (false, Stopwatches.Milliseconds(start));
        }
    }

    private HttpRequestMessage PostRequest()
    {
        var tid = "BENCH_" + Interlocked.Increment(ref sequence).ToString(CultureInfo.InvariantCulture);
        stored.Enqueue(tid);
        unread.Enqueue(tid);
        var body = $$"""
            {"technical_id":"{{tid}}","patient_id":"PAT123456","exam_uid":"1.2.840.113619.2.1.2.3","accession_number":"ACC{{tid}}",
             "study_instance_uid":"1.2.840.10008.5.1.4.1.1.2.1","structured":{"title":"IRM Cérébrale","indication":"Céphalées chroniques",
             "technique":"IRM 3T","results":"Volumétrie normale. Aucune lésion détectée.","conclusion":""},"source_type":"teo_hub",
             "ai_modules":["brain_volumetry","lesion_detection"],"modality":"MR","metadata":{"teo_version":"2.1.0","confidence_score":0.94} }
            """;
        return new HttpRequestMessage(HttpMethod.Post, "/pending-report") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }

    private HttpRequestMessage GetRequest()
    {
        string? tid = null;
        if (!(unreadFirst && unread.TryDequeue(out tid)))
        {
            tid = stored.TryDequeue(out var next) ? next : "BENCH_1";
            stored.Enqueue(tid);
        }

        if (read.TryAdd(tid, true))
        {
            Interlocked.Increment(ref firstReads);
        }

        return new HttpRequestMessage(HttpMethod.Get, "/pending-report?tid=" + tid);
    }

    private Measure StartMeasure() => new(this, serverCpuTime(), FirstReads);

    private TimeSpan ServerCpuTime => serverCpuTime();

    private int FirstReads => Volatile.Read(ref firstReads);

    /// <summary>What a run adds to the latencies: server CPU time and first reads, counted from its start.</summary>
    private readonly record struct Measure(LoadGenerator Load, TimeSpan CpuAtStart, int FirstReadsAtStart)
    {
        public LoadResult Result(string target, string load, string operation, List<double> latencies, int errors, TimeSpan elapsed) =>
            LoadResult.From(target, load, operation, latencies, errors, elapsed,
                Load.ServerCpuTime - CpuAtStart, Load.FirstReads - FirstReadsAtStart);
    }

    private static HttpClient CreateClient(string baseUrl)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 256 })
        {
            BaseAddress = new Uri(baseUrl),
        };
        client.DefaultRequestHeaders.Add("X-API-Key", ReportApiUnderTest.ApiKey);
        return client;
    }
}
