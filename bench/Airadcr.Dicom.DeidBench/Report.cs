using System.Globalization;

namespace Airadcr.Dicom.DeidBench;

/// <summary>One series: the median run of each de-identifier over all its files.</summary>
internal sealed record Row(string Syntax, string Encoder, int Files, long Bytes, Sample InProcess, Sample Cli, Sample Orthanc, Sample Pydicom);

/// <summary>The Markdown tables, in bench/RESULTS.md's form: files per second of one measure (wall clock or CPU), and
/// ours over each peer in the same run.</summary>
internal static class Report
{
    public static void Table(IReadOnlyList<Row> rows, string measure, Func<Sample, double> seconds)
    {
        Console.WriteLine($"Measure: {measure}.");
        Console.WriteLine();
        Console.WriteLine("| syntax | encoded by | files | MB | ours in-process | ours CLI | Orthanc anonymize | pydicom | CLI vs Orthanc | CLI vs pydicom | in-process vs Orthanc | in-process vs pydicom |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            double inProcess = seconds(r.InProcess), cli = seconds(r.Cli), orthanc = seconds(r.Orthanc), pydicom = seconds(r.Pydicom);
            Console.WriteLine(Invariant(
                $"| {r.Syntax} | {r.Encoder} | {r.Files} | {r.Bytes / 1e6:0.0} | {r.Files / inProcess:0.0} | {r.Files / cli:0.0} | {r.Files / orthanc:0.0} | {r.Files / pydicom:0.0} | {orthanc / cli:0.00}x | {pydicom / cli:0.00}x | {orthanc / inProcess:0.00}x | {pydicom / inProcess:0.00}x |"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
