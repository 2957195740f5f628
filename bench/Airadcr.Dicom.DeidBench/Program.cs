using System.Diagnostics;
using System.Globalization;
using System.Text;
using Airadcr.Dicom.DeidBench;
using Airadcr.Dicom.Deidentification;
using Airadcr.LocalServers;

// Usage: dotnet run -c Release --project bench/Airadcr.Dicom.DeidBench -- [RUNS=3] [SLICES=100] [WORK_DIR]
// Writes a 512x512 CT series full of identifiers and its JPEG-LS lossless copy (dcmtk's dcmcjpls), then times the
// de-identification of each whole series (basic profile), median of RUNS interleaved runs after one untimed warm-up,
// wall clock and CPU time, same files:
// our library in-process, our CLI (Native AOT), Orthanc's POST /studies/{id}/anonymize, and a pydicom script applying
// the same table. Prints Markdown for bench/RESULTS.md (issue 21, "Measures": >= 5x Orthanc, >= 3x pydicom).
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var slices = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
var work = args.Length > 2 ? Directory.CreateDirectory(args[2]) : Directory.CreateTempSubdirectory("airadcr-deid-bench-");
const string secret = "deid-bench-project-secret-0123456789";
try
{
    var clock = Stopwatch.StartNew();
    var loadBefore = Load.Now();
    var ours = ProcessPeer.Ours(work.FullName);
    var pydicom = ProcessPeer.Pydicom();
    var native = CtSeries.Write(Path.Combine(work.FullName, "native"), slices);
    var series = new List<(string Syntax, string Encoder, IReadOnlyList<string> Files)> { ("Explicit VR Little Endian", "(ours, native)", native) };
    var jpegLs = Path.Combine(work.FullName, "jpeg-ls");
    Directory.CreateDirectory(jpegLs);
    var dcmcjpls = ToolLocator.Find("dcmcjpls", "dcmtk");
    series.Add(("JPEG-LS Lossless", "`dcmcjpls +el`", [.. native.Select(file =>
    {
        var output = Path.Combine(jpegLs, Path.GetFileName(file));
        ToolRun.Output(dcmcjpls, ["+el", file, output]);
        return output;
    })]));

    await using var orthanc = await OrthancPeer.StartAsync(Path.Combine(work.FullName, "orthanc"));
    var orthancVersion = await orthanc.VersionAsync();
    var deidentifier = new DicomDeidentifier(DeidentificationOptions.Parse("basic"), Encoding.UTF8.GetBytes(secret));
    var rows = new List<Row>();
    var notes = new List<string>();
    foreach (var (syntax, encoder, files) in series)
    {
        Console.Error.WriteLine($"{syntax}: {files.Count} files ...");
        var input = Path.GetDirectoryName(files[0])!;
        var output = (string who) => Path.Combine(work.FullName, "out", $"{Path.GetFileName(input)}-{who}");
        var study = await orthanc.UploadAsync(files);
        var samples = await Timing.InterleavedAsync(runs,
        [
            () =>
            {
                Folders.Recreate(output("in-process"));
                return Task.FromResult(Timing.InProcess(() =>
                {
                    foreach (var file in files)
                    {
                        deidentifier.DeidentifyFile(file, Path.Combine(output("in-process"), Path.GetFileName(file)));
                    }
                }));
            },
            () => Task.FromResult(ours.RunOnce(input, output("cli"), secret)),
            () => orthanc.AnonymizeOnceAsync(study, files.Count),
            () => Task.FromResult(pydicom.RunOnce(input, output("pydicom"), secret)),
        ]);
        await orthanc.DeleteAsync(study);
        var bytes = files.Sum(f => new FileInfo(f).Length);
        rows.Add(new Row(syntax, encoder, files.Count, bytes, samples[0], samples[1], samples[2], samples[3]));
        notes.AddRange(OutputComparison.OursAgainstPydicom(output("cli"), output("pydicom"), syntax));
    }

    var loadAfter = Load.Now();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, median of {runs} interleaved runs after one untimed warm-up of each, {slices} slices, Orthanc {orthancVersion}, pydicom {ToolRun.Output("/usr/bin/python3", ["-c", "import pydicom; print(pydicom.__version__)"]).Trim()}"));
    Console.WriteLine($"Load average before: {loadBefore}; after: {loadAfter}");
    Console.WriteLine();
    Report.Table(rows, "files/s (wall clock)", s => s.Wall);
    Console.WriteLine();
    Report.Table(rows, "files per CPU second (user + system: the process's for ours in-process, Orthanc's whole process during the call, the child's for the CLI and pydicom)", s => s.Cpu);
    Console.WriteLine();
    Console.WriteLine($"- ours CLI: `{ours.Display}`; pydicom: `{pydicom.Display}`; Orthanc: `POST /studies/{{id}}/anonymize` with `{{}}` (its defaults), timed as the HTTP call, which includes Orthanc writing the new study to its storage and SQLite index; ours and pydicom write every output file too.");
    notes.ForEach(n => Console.WriteLine($"- {n}"));
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Whole run: {clock.Elapsed.TotalSeconds:0} s."));
    Console.WriteLine($"Command: dotnet run -c Release --project bench/Airadcr.Dicom.DeidBench -- {runs} {slices}");
}
finally
{
    if (args.Length < 3)
    {
        work.Delete(recursive: true);
    }
}
