using System.Diagnostics;

namespace Airadcr.Dicom.Tests;

/// <summary>pydicom's test files (apt: python3-pydicom) and the external tools used as oracles.</summary>
internal static class Corpus
{
    /// <summary>pydicom's data folder: test_files/ (incl. dicomdirtests/) and charset_files/.</summary>
    public const string Root = "/usr/lib/python3/dist-packages/pydicom/data";
    public const string InstallHint = "run `sudo eng/install-deps.sh` (apt-get install -y --no-install-recommends dcmtk python3-pydicom)";

    /// <summary>Every DICOM file of the corpus (relative paths), DICOMDIR test trees included.</summary>
    public static IReadOnlyList<string> Files
    {
        get
        {
            Assert.True(Directory.Exists(Root), $"pydicom test corpus not found at {Root}: {InstallHint}");
            return new[] { "test_files", "charset_files" }
                .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*", SearchOption.AllDirectories))
                .Where(IsDicom)
                .Select(f => Path.GetRelativePath(Root, f))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
    }

    public static TheoryData<string> FileData => new(Files);

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static bool IsDicom(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(".dcm", StringComparison.Ordinal) || name.StartsWith("DICOMDIR", StringComparison.Ordinal)
            || (!name.Contains('.', StringComparison.Ordinal) && new FileInfo(path).Length > 132 && HasDicm(path));
    }

    private static bool HasDicm(string path)
    {
        using var s = File.OpenRead(path);
        var b = new byte[132];
        return s.Read(b) == 132 && b.AsSpan(128, 4).SequenceEqual("DICM"u8);
    }

    /// <summary>Runs a tool; fails the test with the install command when it is missing.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["TCP_NODELAY"] = "1";
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail($"{tool} not found: {InstallHint}");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
