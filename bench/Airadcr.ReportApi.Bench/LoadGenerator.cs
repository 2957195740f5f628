using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Airadcr.ReportApi.Bench;

/// <summary>
/// Drives one target with POST /pending-report (the spec's example body, a fresh technical id each time) and
/// GET /pending-report?tid= (ids from <see cref="ReportIds"/>), closed-loop at a fixed concurrency (one thread and one
/// keep-alive connection per client, blocking I/O) or open-loop at a fixed rate (<see cref="OpenLoop"/>). Both speak
/// HTTP/1.1 on raw sockets with requests encoded once (<see cref="RawHttpConnection"/>, <see cref="BenchRequest"/>),
/// the same client for the bare Kestrel reference and the ReportApi. Each run also reports the server process's CPU
/// time per request and, for GET, the share of first reads. Latencies count 2xx answers only; others are errors.
/// </summary>
internal sealed class LoadGenerator(string baseUrl, Func<TimeSpan> serverCpuTime, bool unreadFirst)
{
    public const string Post = "POST";
    public const string Get = "GET";

    /// <summary>How many of an open-loop run's worst stalls are kept, and the latency that makes a request part of one.</summary>
    public const int StallsKept = 20;

    public const double StallThresholdMs = 2;

    /// <summary>
    /// Connections of an open-loop run: at 500 req/s and ~1 ms per request one or two are busy at a time; 128 keep the
    /// schedule through a 250 ms server stall (each one costs a thread blocked in recv).
    /// </summary>
    public const int OpenLoopConnections = 128;

    private readonly Uri server = new(baseUrl);
    private readonly ReportIds ids = new(unreadFirst);

    public LoadResult RunClosed(string target, string operation, int concurrency, TimeSpan duration)
    {
        var measure = StartMeasure();
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var clients = new (List<double> Latencies, int Errors)[concurrency];
        var threads = Enumerable.Range(0, concurrency)
            .Select(client => new Thread(() => clients[client] = RunClosedClient(operation, deadline)) { IsBackground = true })
            .ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        return measure.Result(target, $"closed, {concurrency} concurrent", operation,
            [.. clients.SelectMany(c => c.Latencies)], clients.Sum(c => c.Errors), Stopwatch.GetElapsedTime(started));
    }

    public LoadResult RunOpen(string target, string operation, int rate, TimeSpan duration)
    {
        var measure = StartMeasure();
        var run = OpenLoop.Run(Endpoint, Request(operation), NextId(operation), rate, duration, OpenLoopConnections);
        var (scheduledP99, maxLag) = run.FromSchedule();
        return measure.Result(target, $"open, {rate} req/s", operation, run.SuccessfulLatencies(), run.Errors, run.Elapsed) with
        {
            Stalls = run.Stalls(StallThresholdMs, StallsKept),
            ScheduledP99 = scheduledP99,
            MaxPacingLag = maxLag,
            GeneratorCollections = run.GeneratorCollections,
        };
    }

    private (List<double> Latencies, int Errors) RunClosedClient(string operation, long deadline)
    {
        var request = Request(operation);
        var nextId = NextId(operation);
        var latencies = new List<double>(1 << 16);
        var errors = 0;
        RawHttpConnection? connection = null;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            request.SetId(nextId());
            var start = Stopwatch.GetTimestamp();
            try
            {
                connection ??= RawHttpConnection.Open(Endpoint);
                connection.Send(request.Bytes);
                if (connection.ReadResponse() is >= 200 and <= 299)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                else
                {
                    errors++;
                }
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                errors++;
                connection?.Dispose();
                connection = null;
            }
        }

        connection?.Dispose();
        return (latencies, errors);
    }

    private IPEndPoint Endpoint => new(IPAddress.Parse(server.Host), server.Port);

    /// <summary>A copy of the operation's request for one sending thread.</summary>
    private BenchRequest Request(string operation) =>
        operation == Post ? BenchRequest.Post(server.Authority) : BenchRequest.Get(server.Authority);

    private Func<int> NextId(string operation) => operation == Post ? ids.NextToStore : ids.NextToRead;

    private TimeSpan ServerCpuTime => serverCpuTime();

    private static TimeSpan GeneratorCpuTime => ProcessCpu.Of(Environment.ProcessId);

    private Measure StartMeasure() => new(this, ServerCpuTime, GeneratorCpuTime, ids.FirstReads);

    /// <summary>What a run adds to the latencies: server and generator CPU time and first reads, counted from its start.</summary>
    private readonly record struct Measure(LoadGenerator Load, TimeSpan ServerCpuAtStart, TimeSpan GeneratorCpuAtStart, int FirstReadsAtStart)
    {
        public LoadResult Result(string target, string load, string operation, List<double> latencies, int errors, TimeSpan elapsed) =>
            LoadResult.From(target, load, operation, latencies, errors, elapsed,
                Load.ServerCpuTime - ServerCpuAtStart, Load.ids.FirstReads - FirstReadsAtStart) with
            {
                GeneratorCpuMicroseconds = (GeneratorCpuTime - GeneratorCpuAtStart).TotalMicroseconds / Math.Max(1, latencies.Count + errors),
            };
    }
}
