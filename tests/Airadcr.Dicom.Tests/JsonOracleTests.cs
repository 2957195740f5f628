using System.Text.Json.Nodes;
using Airadcr.Dicom.Cli;

namespace Airadcr.Dicom.Tests;

/// <summary>`airadcr-dicom json` against dcmtk's dcm2json and pydicom's to_json_dict, after
/// <see cref="DicomJsonComparer"/>'s normalisation.</summary>
public sealed class JsonOracleTests
{
    public static TheoryData<string> ReadableFiles =>
        new(Corpus.Files.Where(f => !CorpusReadTests.Invalid.ContainsKey(f)));

    /// <summary>Why dcm2json (dcmtk 3.6.7) refuses some corpus files that we and pydicom read.</summary>
    private static readonly string[] DcmtkRefusals =
    [
        // No InlineBinary for encapsulated pixel data.
        "JSON InlineBinary encoding not supported for compressed pixel data",
        // Debian's dcmtk uses glibc iconv, which lacks ISO 2022 IR 87 (J2K_pixelrep_mismatch.dcm).
        "is not supported by the utilized character set conversion library",
        // SC_rgb_jpeg.dcm is implicit VR under an explicit VR transfer syntax; dcmtk loses sync, we fall back per element.
        "Non-standard VR '  ' (18\\00) encountered while parsing element (0008,0008)",
    ];

    /// <summary>Files where dcm2json's output is wrong, with the path where it first differs from ours (pydicom
    /// agrees with us there: see the pydicom test).</summary>
    private static readonly Dictionary<string, string> DcmtkDefects = new(StringComparer.Ordinal)
    {
        // dcmtk decodes a sequence item's own Specific Character Set (ISO 2022 IR 13) with the top-level ISO_IR 192.
        ["charset_files/chrSQEncoding.dcm"] = "/00321064/Value[0]/00100010/Value[0]/Alphabetic",
    };

    internal static JsonNode? OurJson(string path)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var rc = CliApp.Run(["json", path], stdout, stderr);
        Assert.True(rc == 0, $"airadcr-dicom json failed ({rc}): {stderr}");
        return JsonNode.Parse(stdout.ToString());
    }

    [Theory]
    [MemberData(nameof(ReadableFiles))]
    public void Json_equals_dcm2json_for_every_file_dcmtk_converts(string relative)
    {
        var path = Corpus.PathOf(relative);
        var (rc, stdout, stderr) = Corpus.Run("dcm2json", path);
        if (rc != 0)
        {
            // Files dcm2json refuses are compared with pydicom only; the refusal must be one of the known ones.
            Assert.True(
                DcmtkRefusals.Any(r => stderr.Contains(r, StringComparison.Ordinal)),
                $"dcm2json failed unexpectedly: {stderr}");
            return;
        }

        var diff = DicomJsonComparer.FirstDifference(OurJson(path), JsonNode.Parse(stdout));
        if (DcmtkDefects.TryGetValue(relative, out var expected))
        {
            Assert.StartsWith(expected, diff ?? "", StringComparison.Ordinal);
            return;
        }

        Assert.True(diff is null, $"differs from dcm2json at {diff}");
    }

    [Fact]
    public void Json_equals_pydicom_for_every_file_of_the_corpus()
    {
        var files = Corpus.Files.Where(f => !CorpusReadTests.Invalid.ContainsKey(f)).ToList();
        var script = Path.Combine(AppContext.BaseDirectory, "Oracles", "pydicom_json.py");
        var (rc, stdout, stderr) = Corpus.Run("/usr/bin/python3", [script, .. files.Select(Corpus.PathOf)]);
        Assert.True(rc == 0, $"pydicom oracle failed: {stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(files.Count, lines.Length);
        var failures = files.Zip(lines)
            .Select(p => (File: p.First, Diff: CompareWithPydicom(Corpus.PathOf(p.First), JsonNode.Parse(p.Second)!)))
            .Where(r => r.Diff is not null)
            .Select(r => $"{r.File}: {r.Diff}")
            .ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>pydicom-specific normalisation on top of <see cref="DicomJsonComparer"/>: pydicom writes binary values
    /// of big-endian files in big-endian order (we and dcm2json write little-endian), so they are swapped first;
    /// pydicom re-types explicit UN elements whose tag the dictionary knows (we keep UN byte-exact, like dcmtk),
    /// so those are left out on both sides; top-level elements pydicom cannot convert are left out.</summary>
    private static string? CompareWithPydicom(string path, JsonNode oracle)
    {
        var ours = OurJson(path)!.AsObject();
        var theirs = oracle["json"]!.AsObject();
        foreach (var skipped in oracle["skipped"]!.AsArray())
        {
            ours.Remove(skipped!.GetValue<string>());
        }

        using var file = IO.DicomFile.Open(path);
        if (file.TransferSyntax.IsBigEndian)
        {
            SwapBinary(theirs);
        }

        DropRetypedUnknown(ours, theirs);
        return DicomJsonComparer.FirstDifference(ours, theirs);
    }

    private static void DropRetypedUnknown(JsonObject ours, JsonObject theirs)
    {
        foreach (var (key, value) in ours.ToList())
        {
            if (theirs[key] is not JsonObject t || value is not JsonObject o)
            {
                continue;
            }

            if (o["vr"]?.GetValue<string>() == "UN" && t["vr"]?.GetValue<string>() != "UN")
            {
                ours.Remove(key);
                theirs.Remove(key);
            }
            else if (o["Value"] is JsonArray oi && t["Value"] is JsonArray ti && o["vr"]?.GetValue<string>() == "SQ")
            {
                foreach (var (a, b) in oi.Zip(ti))
                {
                    if (a is JsonObject ao && b is JsonObject bo)
                    {
                        DropRetypedUnknown(ao, bo);
                    }
                }
            }
        }
    }

    private static void SwapBinary(JsonObject dataset)
    {
        foreach (var (_, value) in dataset)
        {
            if (value is not JsonObject a)
            {
                continue;
            }

            var size = a["vr"]?.GetValue<string>() switch { "OW" => 2, "OF" or "OL" => 4, "OD" or "OV" => 8, _ => 1 };
            if (a["InlineBinary"] is { } inline && size > 1)
            {
                var bytes = Convert.FromBase64String(inline.GetValue<string>());
                DicomByteOrder.Swap(bytes, size);
                a["InlineBinary"] = Convert.ToBase64String(bytes);
            }

            foreach (var item in (a["Value"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                SwapBinary(item);
            }
        }
    }
}
