using System.Text.Json.Nodes;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests;

/// <summary>Files we write (in the syntax they were read in) are read back by dcmtk and pydicom as the same dataset.</summary>
public sealed class WriteReadBackTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airadcr-dicom-writeback-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<string> Readable => Corpus.Files.Where(f => !CorpusReadTests.Invalid.ContainsKey(f)).ToList();

    private string Rewrite(string relative)
    {
        using var file = DicomFile.Open(Corpus.PathOf(relative));
        var target = Path.Combine(_dir, relative.Replace('/', '_'));
        file.Save(target);
        return target;
    }

    [Fact]
    public void Dcmtk_reads_what_we_write_as_the_same_dataset()
    {
        var failures = new List<string>();
        foreach (var relative in Readable)
        {
            var written = Rewrite(relative);
            var (rc, stdout, stderr) = Corpus.Run("dcm2json", written);
            var (rcOriginal, original, _) = Corpus.Run("dcm2json", Corpus.PathOf(relative));
            if (rcOriginal != 0)
            {
                // dcm2json cannot convert the original either (see JsonOracleTests); dcmdump must still parse ours.
                var dump = Corpus.Run("dcmdump", written);
                if (dump.ExitCode != 0 || dump.Stderr.Contains("E: ", StringComparison.Ordinal))
                {
                    failures.Add($"{relative}: dcmdump: {dump.Stderr}");
                }

                continue;
            }

            if (rc != 0)
            {
                failures.Add($"{relative}: dcm2json failed on our file: {stderr}");
                continue;
            }

            if (DicomJsonComparer.FirstDifference(JsonNode.Parse(stdout), JsonNode.Parse(original)) is { } diff)
            {
                failures.Add($"{relative}: {diff}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void Pydicom_reads_what_we_write_as_the_same_dataset()
    {
        // DICOMDIR records point at byte offsets that any re-encoding moves; pydicom resolves them on read.
        var files = Readable.Where(f => !Path.GetFileName(f).StartsWith("DICOMDIR", StringComparison.Ordinal)).ToList();
        var written = files.Select(Rewrite).ToList();
        var script = Path.Combine(AppContext.BaseDirectory, "Oracles", "pydicom_json.py");
        var (rc, stdout, stderr) = Corpus.Run("/usr/bin/python3", [script, .. files.Select(Corpus.PathOf), .. written]);
        Assert.True(rc == 0, $"pydicom oracle failed: {stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2 * files.Count, lines.Length);
        var failures = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var before = JsonNode.Parse(lines[i])!["json"];
            var after = JsonNode.Parse(lines[files.Count + i])!["json"];
            if (DicomJsonComparer.FirstDifference(after, before) is { } diff)
            {
                failures.Add($"{files[i]}: {diff}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
