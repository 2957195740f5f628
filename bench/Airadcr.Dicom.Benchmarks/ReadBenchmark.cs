using System.Diagnostics;
using System.Globalization;
using System.Text;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Text;

namespace Airadcr.Dicom.Benchmarks;

/// <summary>Files/s of our reader (full and header-only parse, and a full dump), dcmdump (one process over all
/// files, output to /dev/null) and pydicom dcmread (one process, best of N), measured in the same run.</summary>
internal static class ReadBenchmark
{
    public static string Report(IReadOnlyList<(string Name, IReadOnlyList<string> Files)> sets, int runs)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"runs: best of {runs}; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
        sb.AppendLine();
        sb.AppendLine("| file set | files | ours full | ours header-only | ours dump | dcmdump | pydicom full | pydicom header-only | full vs pydicom | header vs pydicom | dump vs dcmdump | full vs dcmdump | alloc/file (full) |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, files) in sets)
        {
            var full = Best(runs, () => ParseAll(files, DicomReadOptions.Default, dump: false));
            var header = Best(runs, () => ParseAll(files, new DicomReadOptions { StopBeforePixelData = true }, dump: false));
            var dump = Best(runs, () => ParseAll(files, DicomReadOptions.Default, dump: true));
            var dcmdump = Best(runs, () => Dcmdump(files));
            var (pyFull, pyHeader) = Pydicom(files, runs);
            var allocated = AllocatedPerFile(files);
            double Rate(TimeSpan t) => files.Count / t.TotalSeconds;
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {files.Count} | {Rate(full):F0} | {Rate(header):F0} | {Rate(dump):F0} | {Rate(dcmdump):F0} | {pyFull:F0} | {pyHeader:F0} | " +
                $"{Rate(full) / pyFull:F1}x | {Rate(header) / pyHeader:F1}x | {Rate(dump) / Rate(dcmdump):F1}x | {Rate(full) / Rate(dcmdump):F1}x | {allocated / 1024.0:F1} KiB |");
        }

        return sb.ToString();
    }

    private static TimeSpan Best(int runs, Action action)
    {
        action();
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            best = sw.Elapsed < best ? sw.Elapsed : best;
        }

        return best;
    }

    private static void ParseAll(IReadOnlyList<string> files, DicomReadOptions options, bool dump)
    {
        foreach (var path in files)
        {
            using var file = DicomFile.Open(path, options);
            if (dump)
            {
                DicomDumpWriter.Write(TextWriter.Null, file.Dataset);
            }
            else
            {
                Touch(file.Dataset);
            }
        }
    }

    private static int Touch(DicomDataset dataset)
    {
        var n = 0;
        foreach (var item in dataset)
        {
            n++;
            if (item is DicomSequence s)
            {
                n += s.Items.Sum(Touch);
            }
        }

        return n;
    }

    private static long AllocatedPerFile(IReadOnlyList<string> files)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        ParseAll(files, DicomReadOptions.Default, dump: false);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / files.Count;
    }

    private static void Dcmdump(IReadOnlyList<string> files)
    {
        var psi = new ProcessStartInfo("dcmdump") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-q");
        foreach (var f in files)
        {
            psi.ArgumentList.Add(f);
        }

        using var p = Process.Start(psi)!;
        p.StandardOutput.BaseStream.CopyTo(Stream.Null);
        p.WaitForExit();
    }

    private static (double Full, double Header) Pydicom(IReadOnlyList<string> files, int runs)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pydicom_read.py"));
        psi.ArgumentList.Add(runs.ToString(CultureInfo.InvariantCulture));
        using var p = Process.Start(psi)!;
        foreach (var f in files)
        {
            p.StandardInput.WriteLine(f);
        }

        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEnd().Split(' ', StringSplitOptions.TrimEntries);
        p.WaitForExit();
        return (double.Parse(output[0], CultureInfo.InvariantCulture), double.Parse(output[1], CultureInfo.InvariantCulture));
    }
}
