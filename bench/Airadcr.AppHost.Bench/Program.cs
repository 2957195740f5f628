using System.Diagnostics;
using System.Globalization;
using Airadcr.AppHost.Bench;
using Airadcr.EndToEnd.Tests;
using Airadcr.Testing;

// Usage: dotnet run -c Release --project bench/Airadcr.AppHost.Bench -- [images=100] [runs=3] [AppHost options...]
// e.g. `100 3 --stable-seconds 0.5` (gateway window 0.5 s; `dotnet run -c Release` runs the services' Release build).
// Boots the graph with Aspire.Hosting.Testing over the AppHost (studies stable after 1 s, traces to an OTLP receiver in
// this program), prints the cold start (every service healthy) and the graph's memory (sum of RSS), then per
// run: storescu a new CT study of IMAGES slices into Orthanc (reference: that store's duration), and follows it from
// the end of the store (last instance stored) to the pending report in the ReportApi and the AI SR in Orthanc, stage
// by stage (see StudyTimeline). The report is then checked once by accession number. Each run sends the study twice:
// as written (Explicit VR Little Endian) and, as a new study, compressed by dcmtk in JPEG Lossless SV1 (the usual CT
// syntax, stored and forwarded by Orthanc as received; compression is done before the store is timed).
var images = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var ct = CancellationToken.None;

await using var graph = new AspireGraph { ExtraArguments = [.. args.Skip(2)] };
var coldStart = Stopwatch.StartNew();
await graph.InitializeAsync();
coldStart.Stop();
Console.WriteLine($"cold start to every service healthy: {coldStart.Elapsed.TotalSeconds:0.0} s; {GraphMemory.Describe(graph.Run)}");
using var directory = new FixtureDirectory("bench-study");
using var reports = graph.ReportApiClient();
Console.WriteLine(StudyTimeline.Header);
Console.WriteLine(string.Concat(Enumerable.Repeat("|---", StudyTimeline.Header.Count(c => c == '|') - 1)) + "|");
var compression = ExternalEncoder.JpegLosslessSv1;
for (var run = 1; run <= runs; run++)
{
    foreach (var compressed in new[] { false, true })
    {
        var study = SyntheticCtStudy.Write(directory.Combine($"run{run}-{compressed}"), seriesCount: 1, slices: images);
        var files = study.Files;
        if (compressed)
        {
            files = [.. study.Files.Select(f => f + ".jpeg.dcm")];
            foreach (var (source, target) in study.Files.Zip(files))
            {
                await compression.EncodeAsync(source, target, ct);
            }
        }

        var store = Stopwatch.StartNew();
        (await DcmtkTools.StoreAsync("ORTHANC", graph.Port("pacs", "dicom"), files, ct, options: compressed ? [compression.StorescuProposal!] : null)).EnsureSuccess();
        store.Stop();
        var timeline = await StudyTimeline.FollowAsync(graph, study, DateTimeOffset.UtcNow, ct);
        (await reports.GetAsync($"find-report?accession_number={study.AccessionNumber}", ct)).EnsureSuccessStatusCode();
        Console.WriteLine(timeline.Row(run, compressed ? compression.Syntax : "uncompressed", store.Elapsed));
    }
}
Console.WriteLine(GraphMemory.Describe(graph.Run));
