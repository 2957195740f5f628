using System.Globalization;
using System.Text;
using Airadcr.ReportApi.Bench;
using Airadcr.Testing;

// Usage: dotnet run -c Release --project bench/Airadcr.ReportApi.Bench -- [--postgres] [--seconds 5] [--concurrency 8] [--rate 500]
//        [--server-env NAME=VALUE]... (extra environment of the ReportApi processes only, e.g. DOTNET_gcServer=0)
//        [--unread-first] (GETs read ids never read before while there are any: the open-loop GETs are then first reads)
//        [--slowest] (prints the 20 worst stalls of each open-loop ReportApi run: UTC start, requests over 2 ms, slowest)
if (args is [BareKestrel.ServerArgument, var barePort])
{
    await BareKestrel.RunAsync(int.Parse(barePort, CultureInfo.InvariantCulture));
    return;
}

var options = BenchOptions.Parse(args);
await using var bare = await BareKestrel.StartAsync();
var targets = new List<(string Name, TargetProcess Server)> { ("bare Kestrel", bare) };
await using var sqlite = await ReportApiUnderTest.StartAsync(options.ServerEnvironment);
targets.Add(("ReportApi SQLite", sqlite));

PostgreSqlServer? postgres = null;
RedisServer? redis = null;
TargetProcess? serverMode = null;
if (options.Postgres)
{
    postgres = new PostgreSqlServer();
    redis = new RedisServer();
    await postgres.InitializeAsync();
    await redis.InitializeAsync();
    serverMode = await ReportApiUnderTest.StartAsync(new Dictionary<string, string>(options.ServerEnvironment)
    {
        ["ConnectionStrings__reportsdb"] = await postgres.CreateDatabaseAsync("bench", CancellationToken.None),
        ["ConnectionStrings__cache"] = redis.ConnectionString,
    });
    targets.Add(("ReportApi PostgreSQL+Redis", serverMode));
}

var results = new List<LoadResult>();
foreach (var (name, server) in targets)
{
    var load = new LoadGenerator(server.BaseUrl, server.CpuTime, options.UnreadFirst);
    // Warm-up: let tiered JIT reach its optimized code for both paths before measuring.
    load.RunClosed("warm-up", LoadGenerator.Post, options.Concurrency, TimeSpan.FromSeconds(3));
    load.RunClosed("warm-up", LoadGenerator.Get, options.Concurrency, TimeSpan.FromSeconds(3));
    results.Add(load.RunClosed(name, LoadGenerator.Post, options.Concurrency, options.Duration));
    results.Add(load.RunClosed(name, LoadGenerator.Get, options.Concurrency, options.Duration));
    results.Add(load.RunOpen(name, LoadGenerator.Post, options.Rate, options.Duration));
    results.Add(load.RunOpen(name, LoadGenerator.Get, options.Rate, options.Duration));
}

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"| target | load | op | req/s | p50 ms | p99 ms | p99 / bare p99 | server CPU µs/req | generator CPU µs/req | first reads | errors | p99 from schedule / max lag ms / generator GCs |");
report.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var result in results)
{
    var reference = results.First(r => r.Target == "bare Kestrel" && r.Load == result.Load && r.Operation == result.Operation);
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {result.Target} | {result.Load} | {result.Operation} | {result.Throughput:F0} | {result.P50:F2} | {result.P99:F2} | {result.P99 / reference.P99:F1}x | {result.ServerCpuMicroseconds:F0} | {result.GeneratorCpuMicroseconds:F0} | {result.FirstReadShare} | {result.Errors} | {result.FromSchedule} |");
}

Console.WriteLine($"load average before/after: {options.LoadAverageAtStart} / {BenchOptions.LoadAverage()}");
Console.WriteLine($"open-loop generator threads: {Pacer.Scheduling}");
Console.WriteLine($"ReportApi extra environment: {string.Join(' ', options.ServerEnvironment.Select(e => $"{e.Key}={e.Value}").DefaultIfEmpty("none"))}");
Console.WriteLine(report);
if (options.ShowSlowest)
{
    foreach (var result in results.Where(r => r.Stalls.Count > 0))
    {
        Console.WriteLine($"worst stalls of {result.Target}, {result.Operation} {result.Load} (UTC start: requests over {LoadGenerator.StallThresholdMs} ms, slowest ms): " +
            string.Join(", ", result.Stalls.Select(s => FormattableString.Invariant($"{s.StartedAt:HH:mm:ss.fff}: {s.Requests}, {s.MaxMilliseconds:F1}"))));
    }
}

if (serverMode is not null)
{
    await serverMode.DisposeAsync();
}

if (redis is not null)
{
    await redis.DisposeAsync();
}

if (postgres is not null)
{
    await postgres.DisposeAsync();
}

namespace Airadcr.ReportApi.Bench
{
    internal sealed record BenchOptions(bool Postgres, bool ShowSlowest, bool UnreadFirst, TimeSpan Duration, int Concurrency, int Rate, IReadOnlyDictionary<string, string> ServerEnvironment)
    {
        public string LoadAverageAtStart { get; } = LoadAverage();

        /// <summary>The 1-minute load average: these machines are shared, so every result says how busy it was.</summary>
        public static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

        public static BenchOptions Parse(string[] args)
        {
            string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            return new BenchOptions(
                args.Contains("--postgres"),
                args.Contains("--slowest"),
                args.Contains("--unread-first"),
                TimeSpan.FromSeconds(int.Parse(Value("--seconds") ?? "5", CultureInfo.InvariantCulture)),
                int.Parse(Value("--concurrency") ?? "8", CultureInfo.InvariantCulture),
                int.Parse(Value("--rate") ?? "500", CultureInfo.InvariantCulture),
                args.Zip(args.Skip(1)).Where(pair => pair.First == "--server-env")
                    .Select(pair => pair.Second.Split('=', 2))
                    .ToDictionary(pair => pair[0], pair => pair.Length == 2 ? pair[1] : ""));
        }
    }

    /// <param name="ServerCpuMicroseconds">CPU time of the server process during the run, per request.</param>
    /// <param name="FirstReads">GETs that were the first read of their report (the others read it again).</param>
    internal sealed record LoadResult(
        string Target, string Load, string Operation, double Throughput, double P50, double P99, int Errors,
        double ServerCpuMicroseconds, int Requests, int FirstReads)
    {
        /// <summary>The worst stalls of an open-loop run and when they began (UTC), to line up with server logs.</summary>
        public IReadOnlyList<Stall> Stalls { get; init; } = [];

        /// <summary>CPU time of the load generator (this process) during the run, per request.</summary>
        public double GeneratorCpuMicroseconds { get; init; }

        /// <summary>Open loop: p99 counted from each request's scheduled time instead of its send.</summary>
        public double ScheduledP99 { get; init; } = double.NaN;

        /// <summary>Open loop: how late the generator sent its latest request against its schedule.</summary>
        public double MaxPacingLag { get; init; } = double.NaN;

        /// <summary>Open loop: garbage collections in the load generator during the measured window (0 expected).</summary>
        public int GeneratorCollections { get; init; }

        public string FromSchedule => double.IsNaN(ScheduledP99) ? "" : FormattableString.Invariant($"{ScheduledP99:F2} / {MaxPacingLag:F2} / {GeneratorCollections}");

        public string FirstReadShare => Operation == LoadGenerator.Get ? $"{100.0 * FirstReads / Requests:F0}%" : "";

        public static LoadResult From(
            string target, string load, string operation, List<double> latencies, int errors, TimeSpan elapsed, TimeSpan serverCpu, int firstReads)
        {
            latencies.Sort();
            double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
            return new LoadResult(target, load, operation, latencies.Count / elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99), errors,
                serverCpu.TotalMicroseconds / Math.Max(1, latencies.Count), latencies.Count, firstReads);
        }
    }
}
