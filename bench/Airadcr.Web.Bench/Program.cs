using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Airadcr.LocalServers;
using Airadcr.Testing;
using Airadcr.Web.Configuration;
using Airadcr.Web.Data;
using Airadcr.Web.Reports;
using Airadcr.Web.ReportApi;
using Airadcr.Web.Worklist;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

// Usage: dotnet run -c Release --project bench/Airadcr.Web.Bench -- [reports=10000] [samples=50]
// Server time of the worklist's first page (50 rows) = the Web's WorklistService (webdb + ReportApi listing over
// HTTP) against a real ReportApi process holding N reports; reference in the same run: GET /pending-report of one
// report (the cheapest authenticated read of the same process).
var reports = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var samples = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
using var directory = new FixtureDirectory("web-bench");
var adminKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
var apiKey = "airadcr_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
var port = FreePort.Next();
await using var reportApi = BuiltService.Start("reportapi", BuiltService.Find("Airadcr.ReportApi"), port, directory.Combine("reportapi.log"),
    new Dictionary<string, string>
    {
        ["AIRADCR_DATA_DIR"] = directory.Combine("reportapi"),
        ["AIRADCR_ADMIN_KEY"] = adminKey,
        ["AIRADCR_PROD_API_KEY"] = apiKey,
        ["Airadcr__rate_limit_per_minute"] = "0",
    });
await BuiltService.WaitForHttpAsync(reportApi, port, "/health", CancellationToken.None);
var baseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/";
using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
http.DefaultRequestHeaders.Add("X-API-Key", apiKey);

var seeding = Stopwatch.StartNew();
var modalities = new[] { "CT", "MR", "CR", "US", "DX" };
await Parallel.ForAsync(0, reports, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
{
    using var response = await http.PostAsJsonAsync("pending-report", new Dictionary<string, object>
    {
        ["technical_id"] = $"BENCH_{i:D6}",
        ["patient_id"] = $"PAT{i % 3000:D6}",
        ["accession_number"] = $"ACC{i:D8}",
        ["study_instance_uid"] = $"1.2.826.0.1.3680043.8.498.{i + 1}",
        ["modality"] = modalities[i % modalities.Length],
        ["source_type"] = "airadcr_gateway",
        ["structured"] = new Dictionary<string, string>
        {
            ["title"] = "Scanner thoracique", ["results"] = "Nodule lobaire supérieur droit de 6 mm.", ["conclusion"] = "À surveiller.",
        },
        ["metadata"] = new { models = new[] { new { id = "lung-nodules", version = "2.1.0" } } },
    }, ct);
    response.EnsureSuccessStatusCode();
});
seeding.Stop();

var dataDirectory = directory.Combine("web");
Directory.CreateDirectory(dataDirectory);
var dbOptions = new DbContextOptionsBuilder<WebDbContext>().UseSqlite("Data Source=" + Path.Combine(dataDirectory, "web.db")).Options;
await using (var db = new WebDbContext(dbOptions))
{
    await db.Database.EnsureCreatedAsync();
}
var webOptions = Options.Create(new WebOptions { ReportApiKey = apiKey, ReportApiAdminKey = adminKey });
using var webHttp = new HttpClient { BaseAddress = new Uri(baseUrl) };
var worklist = new WorklistService(new ReportApiClient(webHttp, webOptions), new ReviewStore(new BenchContexts(dbOptions), TimeProvider.System));
var client = new ReportApiClient(webHttp, webOptions);

async Task<double> TimeAsync(Func<Task> action)
{
    var clock = Stopwatch.StartNew();
    await action();
    return clock.Elapsed.TotalMilliseconds;
}

async Task<(double P50, double P95)> SampleAsync(Func<Task> action)
{
    var times = new List<double>();
    for (var i = 0; i < samples; i++)
    {
        times.Add(await TimeAsync(action));
    }
    times.Sort();
    return (times[times.Count / 2], times[(int)(times.Count * 0.95)]);
}

var firstPage = () => worklist.QueryAsync(new WorklistFilter(), 0, 50, deidentified: false, CancellationToken.None);
var cold = await TimeAsync(firstPage);
var reference = await SampleAsync(() => client.GetReportAsync("BENCH_000001", CancellationToken.None));
var warm = await SampleAsync(firstPage);
var text = await SampleAsync(() => worklist.QueryAsync(new WorklistFilter { Text = "PAT000042" }, 0, 50, false, CancellationToken.None));
var modality = await SampleAsync(() => worklist.QueryAsync(new WorklistFilter { Modality = "MR", Sort = "accession_number" }, 0, 50, false, CancellationToken.None));
var deep = await SampleAsync(() => worklist.QueryAsync(new WorklistFilter(), reports - 50, 50, false, CancellationToken.None));
var total = (await firstPage()).Total;

string Row(string name, (double P50, double P95) t) =>
    string.Create(CultureInfo.InvariantCulture, $"| {name} | {t.P50:F1} | {t.P95:F1} | {t.P50 / reference.P50:F1}x |");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{total} reports (seeded in {seeding.Elapsed.TotalSeconds:F1} s), {samples} samples each, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
Console.WriteLine("| query | p50 ms | p95 ms | p50 / reference p50 |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine(Row("reference: GET /pending-report (one report)", reference));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| worklist first page, first call (opens all {reports} summaries) | {cold:F1} | - | - |"));
Console.WriteLine(Row("worklist first page (50 rows, newest first)", warm));
Console.WriteLine(Row("free text on patient id", text));
Console.WriteLine(Row("modality MR, sorted by accession", modality));
Console.WriteLine(Row("last page", deep));

internal sealed class BenchContexts(DbContextOptions<WebDbContext> options) : IDbContextFactory<WebDbContext>
{
    public WebDbContext CreateDbContext() => new(options);
}
