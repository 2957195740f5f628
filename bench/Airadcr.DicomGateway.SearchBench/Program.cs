using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Airadcr.DicomGateway.Archives;
using Airadcr.LocalServers;
using Airadcr.Testing;

// Federated search over 3 archives (three Orthancs: dcmtk's dcmqrscp, the tests' third archive, keeps at most 500
// studies per storage area) holding N studies each (default 10,000; every study in two of them): the gateway's first page (in-process FederatedSearch, C-FIND to all three in parallel, merged by
// Study Instance UID) against each archive's own C-FIND of the same criteria by dcmtk's findscu, in the same run,
// interleaved. Reports p50/p95 of the first page and the ratio to the slowest archive's findscu (issue 22: < 1 s), and
// to the three findscu run at once (what the archives can answer together on this machine: the gateway asks all three).
var perArchive = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var tag = Random.Shared.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture);
var studies = new BenchStudies(perArchive, tag);
var work = Directory.CreateTempSubdirectory("airadcr-searchbench-");
const string GatewayAe = "IA_SERVER", FindScuAe = "FINDSCU";
try
{
    var peers = new Dictionary<string, (string, string, int)> { ["gateway"] = (GatewayAe, "127.0.0.1", 104), ["findscu"] = (FindScuAe, "127.0.0.1", 104) };
    var a = new OrthancInstance { Directory = Path.Combine(work.FullName, "a"), HttpPort = FreePort.Next(), DicomPort = FreePort.Next(), AeTitle = "ORTHANC_A", Modalities = new(peers) };
    var b = new OrthancInstance { Directory = Path.Combine(work.FullName, "b"), HttpPort = FreePort.Next(), DicomPort = FreePort.Next(), AeTitle = "ORTHANC_B", Modalities = new(peers) };
    await using var serverA = await a.StartAsync(Path.Combine(work.FullName, "a.out"), CancellationToken.None);
    await using var serverB = await b.StartAsync(Path.Combine(work.FullName, "b.out"), CancellationToken.None);
    var c = new OrthancInstance { Directory = Path.Combine(work.FullName, "c"), HttpPort = FreePort.Next(), DicomPort = FreePort.Next(), AeTitle = "ORTHANC_C", Modalities = new(peers) };
    await using var serverC = await c.StartAsync(Path.Combine(work.FullName, "c.out"), CancellationToken.None);

    var seeding = Stopwatch.StartNew();
    await Task.WhenAll(Seeding.OrthancAsync(a, studies, studies.InA), Seeding.OrthancAsync(b, studies, studies.InB), Seeding.OrthancAsync(c, studies, studies.InC));
    Console.Error.WriteLine($"seeded 3 x {perArchive} studies in {seeding.Elapsed.TotalSeconds:F0} s");

    var archives = new (string Name, string AeTitle, int Port)[] { ("orthanc-a", a.AeTitle, a.DicomPort), ("orthanc-b", b.AeTitle, b.DicomPort), ("orthanc-c", c.AeTitle, c.DicomPort) };
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = work.FullName });
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Configuration["Gateway:StoragePath"] = Path.Combine(work.FullName, "gateway");
    builder.Configuration["Gateway:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
    builder.Configuration["Gateway:AeTitle"] = GatewayAe;
    for (var i = 0; i < archives.Length; i++)
    {
        builder.Configuration[$"Gateway:Archives:Seed:{i}:Name"] = archives[i].Name;
        builder.Configuration[$"Gateway:Archives:Seed:{i}:AeTitle"] = archives[i].AeTitle;
        builder.Configuration[$"Gateway:Archives:Seed:{i}:Port"] = archives[i].Port.ToString(CultureInfo.InvariantCulture);
        builder.Configuration[$"Gateway:Archives:Seed:{i}:Role"] = i == 0 ? "Primary" : "Secondary";
    }
    builder.AddGatewayServices();
    await using var gateway = builder.Build();
    await gateway.StartAsync();
    var search = gateway.Services.GetRequiredService<FederatedSearch>();

    Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {Load()}, 3 archives x {perArchive} studies " +
        $"({studies.Universe} distinct), page of 50, {runs} interleaved runs after one warm-up");
    Console.WriteLine();
    Console.WriteLine("| criteria | matches per archive (A/B/C) -> merged | first page p50 / p95 (s) | findscu p50 A / B / C (s) | 3 findscu at once p50 (s) | first page / slowest findscu | first page / 3 at once |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    foreach (var criteria in SearchCriteria.All)
    {
        var counts = new List<int>();
        foreach (var archive in archives)
        {
            counts.Add(await FindScu.CountAsync(archive.AeTitle, archive.Port, criteria.Keys));
        }
        var first = await search.SearchAsync(criteria.Query, CancellationToken.None);
        for (var i = 0; i < archives.Length; i++)
        {
            var outcome = first.Archives.Single(o => o.Name == archives[i].Name);
            if (outcome.Status != ArchiveSearchStatus.Ok || outcome.Count != counts[i])
            {
                throw new InvalidOperationException($"{criteria.Name}: {outcome.Name} {outcome.Status} {outcome.Reason}, {outcome.Count} matches, findscu {counts[i]}");
            }
        }
        var page = new List<double>();
        var findscu = archives.Select(_ => new List<double>()).ToArray();
        var together = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var result = await search.SearchAsync(criteria.Query, CancellationToken.None);
            page.Add(watch.Elapsed.TotalSeconds);
            if (result.Studies.Count != Math.Min(criteria.Query.PageSize, first.Total) || result.Archives.Any(o => o.Status != ArchiveSearchStatus.Ok))
            {
                throw new InvalidOperationException($"{criteria.Name}: run {run} answered {result.Studies.Count} studies");
            }
            for (var i = 0; i < archives.Length; i++)
            {
                findscu[i].Add(FindScu.Time(archives[i].AeTitle, archives[i].Port, criteria.Keys));
            }
            var all = Stopwatch.StartNew();
            await Task.WhenAll(archives.Select(archive => Task.Run(() => FindScu.Time(archive.AeTitle, archive.Port, criteria.Keys))));
            together.Add(all.Elapsed.TotalSeconds);
        }
        var slowest = findscu.Select(Percentile50).Max();
        Console.WriteLine($"| {criteria.Name} | {string.Join(" / ", counts)} -> {first.Total} | {Percentile50(page):F3} / {Percentile(page, 0.95):F3} | " +
            $"{string.Join(" / ", findscu.Select(s => Percentile50(s).ToString("F3", CultureInfo.InvariantCulture)))} | {Percentile50(together):F3} | " +
            $"{Percentile50(page) / slowest:F2}x | {Percentile50(page) / Percentile50(together):F2}x |");
    }
    Console.WriteLine();
    Console.WriteLine($"load average at the end {Load()}");
    await gateway.StopAsync();
}
finally
{
    work.Delete(recursive: true);
}

static double Percentile50(List<double> values) => Percentile(values, 0.5);

static double Percentile(List<double> values, double p) => values.Order().ElementAt((int)Math.Min(values.Count - 1, Math.Ceiling(p * values.Count) - 1));

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

/// <summary>The criteria an admin types, as the gateway's query and as findscu's keys (the same return keys).</summary>
internal sealed record SearchCriteria(string Name, StudyQuery Query, string[] Keys)
{
    private const long Timeout = 120_000;

    public static readonly SearchCriteria[] All =
    [
        new("name MARTIN* + 2020-2024", new StudyQuery(PatientName: "MARTIN*", StudyDateFrom: "20200101", StudyDateTo: "20241231", TimeoutMs: (int)Timeout),
            ["PatientName=MARTIN*", "StudyDate=20200101-20241231"]),
        new("study date 2020 (one year)", new StudyQuery(StudyDateFrom: "20200101", StudyDateTo: "20201231", TimeoutMs: (int)Timeout),
            ["PatientName", "StudyDate=20200101-20201231"]),
        new("everything (no criteria)", new StudyQuery(TimeoutMs: (int)Timeout), ["PatientName", "StudyDate"]),
    ];
}

/// <summary>dcmtk's findscu, study root at STUDY level, asking for the same return keys as the gateway's identifier.</summary>
internal static partial class FindScu
{
    private static readonly string[] ReturnKeys =
        ["QueryRetrieveLevel=STUDY", "StudyInstanceUID", "PatientID", "AccessionNumber", "ModalitiesInStudy", "StudyDescription", "NumberOfStudyRelatedInstances"];

    /// <summary>The number of matches (responses printed, one Study Instance UID each).</summary>
    public static async Task<int> CountAsync(string aeTitle, int port, string[] keys) =>
        StudyUidLine().Count((await DcmtkTools.FindAsync(aeTitle, port, [.. ReturnKeys, .. keys], CancellationToken.None, FindScuAe())).EnsureSuccess() is var result
            ? result.StandardOutput + result.StandardError
            : "");

    /// <summary>Seconds for one quiet findscu (responses received, not printed).</summary>
    public static double Time(string aeTitle, int port, string[] keys)
    {
        var watch = Stopwatch.StartNew();
        ToolRun.Output(ToolLocator.Find("findscu", DcmtkTools.AptPackage),
            ["-q", "-S", "-aet", FindScuAe(), "-aec", aeTitle, .. ReturnKeys.Concat(keys).SelectMany(k => new[] { "-k", k }), "127.0.0.1", port.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["TCP_NODELAY"] = "1" });
        return watch.Elapsed.TotalSeconds;
    }

    private static string FindScuAe() => "FINDSCU";

    [GeneratedRegex(@"\(0020,000d\) UI \[")]
    private static partial Regex StudyUidLine();
}
