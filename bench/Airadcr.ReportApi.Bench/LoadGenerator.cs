using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Airadcr.ReportApi.Bench;

/// <summary>
/// Drives one target with POST /pending-report (the spec's example body, a fresh technical id each time) and
/// GET /pending-report?tid= (ids stored earlier), closed-loop at a fixed concurrency or open-loop at a fixed rate.
/// </summary>
internal sealed class LoadGenerator(string baseUrl)
{
    public const string Post = "POST";
    public const string Get = "GET";
    private readonly HttpClient http = CreateClient(baseUrl);
    private readonly ConcurrentQueue<string> stored = new();
    private int sequence;

    public async Task<LoadResult> RunClosedAsync(string target, string operation, int concurrency, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
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
        return LoadResult.From(target, $"closed, {concurrency} concurrent", operation, [.. latencies], errors, Stopwatch.GetElapsedTime(started));
    }

    public async Task<LoadResult> RunOpenAsync(string target, string operation, int rate, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var total = (int)(rate * duration.TotalSeconds);
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
                var (ok, ms) = await SendAsync(operation);
                latencies.Add(ms);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }));
        }

        await Task.WhenAll(inFlight);
        return LoadResult.From(target, $"open, {rate} req/s", operation, [.. latencies], errors, Stopwatch.GetElapsedTime(started));
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
        var tid = stored.TryDequeue(out var next) ? next : "BENCH_1";
        stored.Enqueue(tid);
        return new HttpRequestMessage(HttpMethod.Get, "/pending-report?tid=" + tid);
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
