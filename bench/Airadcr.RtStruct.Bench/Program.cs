using System.Diagnostics;
using System.Globalization;
using Airadcr.LocalServers;
using Airadcr.RtStruct;
using Airadcr.RtStruct.Bench;

// Usage: dotnet run -c Release --project bench/Airadcr.RtStruct.Bench -- [RUNS=3] [SLICES=200] [WORK_DIR]
// Writes a 512x512 CT of SLICES slices and an RTSTRUCT of 20 ROIs (spheres and boxes, BenchStudy), then times on the
// same files: Airadcr.RtStruct in-process (masks + volumes + surfaces + NIfTI + STL + summary.json for every ROI; median
// of RUNS after one untimed warm-up) and plastimatch rasterising them (`plastimatch convert --xor-contours`, one mask
// per ROI) and measuring each mask (`plastimatch stats`), one run (it takes minutes). Prints Markdown for
// bench/RESULTS.md (issue 23, "Measures": < 1 s on 2 cores, >= 2x plastimatch).
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var slices = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var work = args.Length > 2 ? Directory.CreateDirectory(args[2]) : Directory.CreateTempSubdirectory("airadcr-rtstruct-bench-");
try
{
    var loadBefore = LoadAverage();
    var study = BenchStudy.Write(Path.Combine(work.FullName, "ct"), slices);
    var images = study.ImageFiles;
    var ours = new List<(double Wall, double Cpu)>();
    RtStructSummary? summary = null;
    for (var run = 0; run <= runs; run++)
    {
        var output = Path.Combine(work.FullName, "ours");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        summary = await RtStructProcessor.ProcessAsync(study.StructureSetFile, images, output, RtStructOptions.Default, CancellationToken.None);
        var wall = clock.Elapsed.TotalSeconds;
        if (run > 0)
        {
            ours.Add((wall, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds));
        }
    }

    if (summary!.Rois.Any(r => r.Error is not null))
    {
        throw new InvalidOperationException("a ROI failed: " + summary.Rois.First(r => r.Error is not null).Error);
    }

    var plastimatch = ToolLocator.Find("plastimatch", "plastimatch");
    var masks = Path.Combine(work.FullName, "plastimatch");
    var peer = Stopwatch.StartNew();
    ToolRun.Output(plastimatch, ["convert", "--input", study.StructureSetFile, "--referenced-ct", study.Directory, "--output-prefix", masks, "--xor-contours"]);
    var rasterised = peer.Elapsed.TotalSeconds;
    var largest = 0.0;
    foreach (var mask in Directory.GetFiles(masks, "*.mha").Order(StringComparer.Ordinal))
    {
        var stats = ToolRun.Output(plastimatch, ["stats", mask]);
        var nonZero = double.Parse(stats.Split("NONZERO ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        largest = Math.Max(largest, nonZero);
    }

    var theirs = peer.Elapsed.TotalSeconds;
    var wallMedian = Median(ours.Select(o => o.Wall));
    var cpuMedian = Median(ours.Select(o => o.Cpu));
    var biggest = summary.Rois.Max(r => r.VoxelCount);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {summary.Rois.Count} ROIs over {slices} slices of 512x512; ours: median of {runs} runs after one warm-up; {PlastimatchVersion(plastimatch)}: one run"));
    Console.WriteLine($"Load average before: {loadBefore}; after: {LoadAverage()}");
    Console.WriteLine();
    Console.WriteLine("| what | wall s | ratio to plastimatch |");
    Console.WriteLine("|---|---|---|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Airadcr.RtStruct in-process: masks + volumes + surfaces + NIfTI + STL + summary | {wallMedian:0.000} (CPU {cpuMedian:0.000}) | {theirs / wallMedian:0.0}x faster |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| plastimatch convert --xor-contours (masks, .mha) | {rasterised:0.000} | |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| plastimatch convert + stats of each mask | {theirs:0.000} | 1.0x |"));
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- largest ROI: {biggest} voxels ours, {largest} plastimatch (NONZERO)."));
}
finally
{
    if (args.Length <= 2)
    {
        work.Delete(recursive: true);
    }
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string PlastimatchVersion(string plastimatch)
{
    try
    {
        return ToolRun.Output(plastimatch, ["--version"]).Trim().Split('\n')[0];
    }
    catch (InvalidOperationException)
    {
        return "(version unknown)";
    }
}
