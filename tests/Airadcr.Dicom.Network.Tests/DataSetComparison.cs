using System.Diagnostics;
using Airadcr.Testing;

namespace Airadcr.Dicom.Network.Tests;

/// <summary>Compares Part 10 files' data sets with pydicom (an independent reader that, unlike dcm2json, handles
/// encapsulated pixel data): element by element, file meta excluded. Three things dcmtk's storescu changes when it
/// sends are not differences: Data Set Trailing Padding (FFFC,FFFC) and group lengths (gggg,0000) are dropped, an
/// odd-length binary value gets one zero byte. One Python process per call.</summary>
public static class DataSetComparison
{
    private const string Script = """
        import sys
        from pydicom import dcmread
        def load(p):
            ds = dcmread(p, force=True)
            for tag in [t for t in ds.keys() if t.element == 0 or t == 0xFFFCFFFC]:
                del ds[tag]
            return ds
        def same(x, y):
            if x == y:
                return True
            # dcmtk pads an odd-length binary value with one zero byte before sending it.
            if isinstance(x, bytes) and isinstance(y, bytes):
                short, long = sorted((x, y), key=len)
                return len(long) == len(short) + 1 and long == short + b"\0"
            return False
        for line in sys.stdin:
            expected, actual = line.rstrip("\n").split("\t")
            a, b = load(expected), load(actual)
            tags = sorted(set(a.keys()) | set(b.keys()))
            diff = [str(t) for t in tags if (t in a) != (t in b) or not same(a[t].value, b[t].value)][:3]
            print("same" if not diff else "differ " + " ".join(diff))
        """;

    public static async Task AssertSameDataSetAsync(string expected, string actual, CancellationToken cancellationToken)
    {
        var verdict = Assert.Single(await CompareAsync([(expected, actual)], cancellationToken));
        Assert.True(verdict == "same", $"data sets differ: {expected} vs {actual}: {verdict}");
    }

    /// <summary>"same" or "differ TAGS" per pair.</summary>
    public static async Task<IReadOnlyList<string>> CompareAsync(IReadOnlyList<(string Expected, string Actual)> pairs,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ToolLocator.Find("/usr/bin/python3", "python3-pydicom"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        foreach (var (expected, actual) in pairs)
        {
            await process.StandardInput.WriteLineAsync($"{expected}\t{actual}".AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(process.ExitCode == 0 && lines.Length == pairs.Count, $"pydicom comparison failed: {await stderr}");
        return lines;
    }
}
