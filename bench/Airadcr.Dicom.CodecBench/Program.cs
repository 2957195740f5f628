using System.Globalization;
using Airadcr.Dicom;
using Airadcr.Dicom.CodecBench;
using Airadcr.Dicom.Imaging.Codecs;
using Airadcr.Dicom.IO;

// Usage: dotnet run -c Release --project bench/Airadcr.Dicom.CodecBench -- [RUNS] [WORK_DIR]
// Writes three native multi-frame phantoms (CT 512x512 16-bit signed, MR 256x256 12-bit, US RGB 640x480 8-bit),
// compresses them with dcmtk's and GDCM's encoders into every syntax they write, and times, on the same files, the
// decoders to Explicit VR LE: dcmtk's CLI (dcmdrle, dcmdjpeg, dcmdjpls), GDCM's `gdcmconv --raw`, our CLI
// (`airadcr-dicom transcode --ts explicit`) and our library in-process. Median of RUNS (3) runs each; prints Markdown
// tables for bench/RESULTS.md. Syntaxes Airadcr.Dicom cannot decode yet are skipped with a note.
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var work = args.Length > 1 ? Directory.CreateDirectory(args[1]) : Directory.CreateTempSubdirectory("airadcr-codec-bench-");
var ours = CliDecoder.Ours(work.FullName);
try
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {CliDecoder.BuildConfiguration}, median of {runs} runs, files in {work.FullName}"));
    if (CliDecoder.BuildConfiguration == "Debug")
    {
        Console.WriteLine("WARNING: Debug build; run with -c Release for figures worth reporting");
    }

    var clock = System.Diagnostics.Stopwatch.StartNew();
    var phantoms = new[] { Phantoms.Ct(40), Phantoms.Mr(64), Phantoms.Rgb(24) };
    var native = phantoms.ToDictionary(p => p.Name, p => Phantoms.Write(p, work.FullName));
    var notes = new List<string>();

    var startupFile = Phantoms.Write(Phantoms.Mr(1) with { Name = "startup" }, work.FullName);
    var startup = new[] { CliDecoder.Dcmtk(DicomUids.RLELossless), CliDecoder.Dcmtk(DicomUids.JPEGLosslessSV1), CliDecoder.Dcmtk(DicomUids.JPEGLSLossless), CliDecoder.Gdcm, ours }
        .OfType<CliDecoder>().Where(d => d.Available)
        .Select(d => (d.Display("IN", "OUT"), Timing.Process(d, startupFile, Path.Combine(work.FullName, "startup-out.dcm"), runs)))
        .ToList();

    var rows = new List<Measurement>();
    foreach (var benchCase in Cases.All)
    {
        Console.Error.WriteLine($"{benchCase.Syntax} / {benchCase.Phantom} ...");
        if (Measure(benchCase, native[benchCase.Phantom], phantoms.Single(p => p.Name == benchCase.Phantom).Frames) is { } row)
        {
            rows.Add(row);
        }
    }

    Console.WriteLine();
    Report.Startup(startup);
    Console.WriteLine();
    Report.Throughput(rows);
    Console.WriteLine();
    Console.WriteLine("dcmtk: no JPEG 2000 decoder in Debian's dcmtk (its JPEG 2000 module, DCMJP2K, is commercial), so GDCM is the only peer for .90/.91.");
    notes.ForEach(n => Console.WriteLine($"- {n}"));
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Whole run: {clock.Elapsed.TotalSeconds:0} s."));
    Console.WriteLine($"Command: dotnet run -c Release --project bench/Airadcr.Dicom.CodecBench -- {runs}");

    Measurement? Measure(BenchCase c, string nativePath, int frames)
    {
        var encoded = Path.Combine(work.FullName, c.FileName);
        try
        {
            Timing.RunChecked(Encoders.Locate(c.Encoder), [.. c.Encoder.Options, nativePath, encoded]);
        }
        catch (Exception e) when (e is InvalidOperationException or Airadcr.LocalServers.MissingToolException)
        {
            notes.Add($"{c.Syntax} / {c.Phantom}: skipped, `{c.Encoder}` failed: {e.Message.Split('\n')[0]}");
            return null;
        }

        DicomTransferSyntax syntax;
        using (var header = DicomFile.Open(encoded, new DicomReadOptions { StopBeforePixelData = true }))
        {
            syntax = header.TransferSyntax;
        }

        if (syntax.Uid != c.TransferSyntaxUid)
        {
            notes.Add($"{c.Syntax} / {c.Phantom}: skipped, `{c.Encoder}` wrote {syntax.Name} [{syntax.Uid}]");
            return null;
        }

        if (!DicomCodecs.CanDecode(syntax))
        {
            notes.Add($"{c.Syntax} / {c.Phantom}: skipped, Airadcr.Dicom cannot decode {syntax.Uid} yet (no codec in DicomCodecs)");
            return null;
        }

        var dcmtk = CliDecoder.Dcmtk(c.TransferSyntaxUid);
        var peers = new[] { dcmtk, CliDecoder.Gdcm }.OfType<CliDecoder>().Where(d => d.Available).ToList();
        foreach (var missing in new[] { dcmtk, CliDecoder.Gdcm }.Select(d => d?.Missing).OfType<string>().Where(m => !notes.Contains(m)))
        {
            notes.Add(missing);
        }

        var output = (CliDecoder d) => Path.Combine(work.FullName, $"{c.Phantom}-{c.TransferSyntaxUid}-{d.Name}.dcm");
        double? Peer(CliDecoder? d) => d is { Available: true } ? Timing.Process(d, encoded, output(d), runs) : null;
        var dcmtkSeconds = Peer(dcmtk);
        var gdcmSeconds = Peer(CliDecoder.Gdcm);
        var cli = Timing.Process(ours, encoded, output(ours), runs);
        var decode = InProcess.DecodeSeconds(encoded, runs);
        var transcode = InProcess.TranscodeSeconds(encoded, Path.Combine(work.FullName, "in-process-out.dcm"), runs);
        var difference = peers.Count == 0 ? "n/a" : $"{InProcess.MaxDifference(InProcess.DecodeAll(encoded), output(peers[0]))} ({peers[0].Name})";
        return new Measurement(c, frames, (double)new FileInfo(nativePath).Length / new FileInfo(encoded).Length,
            dcmtkSeconds, gdcmSeconds, cli, decode, transcode, difference);
    }
}
finally
{
    if (args.Length < 2)
    {
        work.Delete(recursive: true);
    }
}
