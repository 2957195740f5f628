using System.Globalization;

namespace Airadcr.Dicom.CodecBench;

/// <summary>One measured file: median seconds per run of each decoder over all its frames (null: no such decoder).</summary>
internal sealed record Measurement(BenchCase Case, int Frames, double CompressionRatio, double? Dcmtk, double? Gdcm,
    double OursCli, double OursDecode, double OursTranscode, string Difference);

/// <summary>The Markdown tables, in bench/RESULTS.md's form: frames/s, and ours over the faster peer in the same run.</summary>
internal static class Report
{
    public static void Startup(IReadOnlyList<(string Tool, double Seconds)> rows)
    {
        Console.WriteLine("| CLI (1-frame uncompressed 256x256 file -> Explicit VR LE) | median ms per run (fixed cost) |");
        Console.WriteLine("|---|---|");
        foreach (var (tool, seconds) in rows)
        {
            Console.WriteLine(Invariant($"| {tool} | {seconds * 1000:0} |"));
        }
    }

    public static void Throughput(IReadOnlyList<Measurement> rows)
    {
        Console.WriteLine("| syntax | file | frames | compression | encoded by | dcmtk fps | GDCM fps | ours CLI fps | ours in-process decode fps | ours in-process transcode+save fps | CLI vs faster peer | in-process vs faster peer | max abs diff vs peer |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var m in rows)
        {
            var peer = new[] { m.Dcmtk, m.Gdcm }.Where(s => s is not null).Min();
            Console.WriteLine(Invariant(
                $"| {m.Case.Syntax} | {m.Case.Phantom} | {m.Frames} | {m.CompressionRatio:0.0}:1 | `{m.Case.Encoder}` | {Fps(m.Frames, m.Dcmtk)} | {Fps(m.Frames, m.Gdcm)} | {Fps(m.Frames, m.OursCli)} | {Fps(m.Frames, m.OursDecode)} | {Fps(m.Frames, m.OursTranscode)} | {Ratio(peer, m.OursCli)} | {Ratio(peer, m.OursDecode)} | {m.Difference} |"));
        }
    }

    private static string Fps(int frames, double? seconds) => seconds is { } s ? Invariant($"{frames / s:0.0}") : "n/a";

    /// <summary>Our frames/s over the peer's: the peer's time over ours.</summary>
    private static string Ratio(double? peerSeconds, double ourSeconds) =>
        peerSeconds is { } p ? Invariant($"{p / ourSeconds:0.00}x") : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
