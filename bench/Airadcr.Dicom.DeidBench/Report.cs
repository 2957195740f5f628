using System.Globalization;

namespace Airadcr.Dicom.DeidBench;

/// <summary>One series: median seconds per run of each de-identifier over all its files.</summary>
internal sealed record Row(string Syntax, string Encoder, int Files, long Bytes, double InProcess, double Cli, double Orthanc, double Pydicom);

/// <summary>The Markdown table, in bench/RESULTS.md's form: files/s, and ours over each peer in the same run.</summary>
internal static class Report
{
    public static void Table(IReadOnlyList<Row> rows)
    {
        Console.WriteLine("| syntax | encoded by | files | MB | ours in-process files/s | ours CLI files/s | Orthanc anonymize files/s | pydicom files/s | CLI vs Orthanc | CLI vs pydicom | in-process vs Orthanc | in-process vs pydicom |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            Console.WriteLine(Invariant(
                $"| {r.Syntax} | {r.Encoder} | {r.Files} | {r.Bytes / 1e6:0.0} | {r.Files / r.InProcess:0.0} | {r.Files / r.Cli:0.0} | {r.Files / r.Orthanc:0.0} | {r.Files / r.Pydicom:0.0} | {r.Orthanc / r.Cli:0.00}x | {r.Pydicom / r.Cli:0.00}x | {r.Orthanc / r.InProcess:0.00}x | {r.Pydicom / r.InProcess:0.00}x |"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
