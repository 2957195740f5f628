using System.Diagnostics;
using System.Globalization;
using Airadcr.EndToEnd.Tests;
using Airadcr.Testing;

// Usage: dotnet run -c Release --project bench/Airadcr.AppHost.Bench -- [images=100] [runs=3]
// Boots the graph through the AppHost (studies stable after 1 s), then per run: storescu a new CT study of IMAGES
// slices into Orthanc (reference: that store's duration), and measures from the end of the store (last instance
// stored) until the pending report is in the ReportApi: the gateway's job is done (polled on its admin API, as the
// ReportApi's rate limit forbids polling it), then the report is checked once by accession number.
var images = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var ct = CancellationToken.None;

await using var graph = new RunningGraph();
await graph.InitializeAsync();
using var directory = new FixtureDirectory("bench-study");
using var reports = graph.ReportApiClient();
using var gateway = graph.GatewayClient();
Console.WriteLine($"| run | images | store into Orthanc (reference) | last instance stored -> pending report | ratio |");
Console.WriteLine("|---|---|---|---|---|");
for (var run = 1; run <= runs; run++)
{
    var study = SyntheticCtStudy.Write(directory.Combine($"run{run}"), seriesCount: 1, slices: images);
    var store = Stopwatch.StartNew();
    (await DcmtkTools.StoreAsync(graph.Pacs.AeTitle, graph.Pacs.Dicom.Port, study.Files, ct)).EnsureSuccess();
    store.Stop();
    var latency = Stopwatch.StartNew();
    while (!(await gateway.GetStringAsync("/admin/jobs?state=done", ct)).Contains(study.StudyInstanceUid, StringComparison.Ordinal))
    {
        if (latency.Elapsed > TimeSpan.FromMinutes(3))
        {
            throw new TimeoutException($"no pending report after 3 min\n{graph.LogTail("dicomgateway")}");
        }
        await Task.Delay(20, ct);
    }
    latency.Stop();
    (await reports.GetAsync($"find-report?accession_number={study.AccessionNumber}", ct)).EnsureSuccessStatusCode();
    Console.WriteLine(FormattableString.Invariant(
        $"| {run} | {study.Files.Count} | {store.Elapsed.TotalSeconds:0.00} s | {latency.Elapsed.TotalSeconds:0.00} s | {latency.Elapsed / store.Elapsed:0.00} |"));
}
