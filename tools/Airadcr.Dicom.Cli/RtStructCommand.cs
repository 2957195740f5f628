using System.Globalization;
using Airadcr.Dicom.IO;
using Airadcr.RtStruct;

namespace Airadcr.Dicom.Cli;

/// <summary>`rtstruct IN_DIR --out OUT`: every RT Structure Set under IN_DIR (recursive) against the other files there;
/// masks (NIfTI-1), meshes (STL) and summary.json in OUT (OUT/rtstruct-N/ when there are several, in path order).
/// Exit 0 when every ROI was processed, 1 when a structure set or a ROI has an error (the summary says which).</summary>
internal static class RtStructCommand
{
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new CliArguments(args, "--out");
        a.ExpectPositional(1);
        var input = a.Positional(0, "IN_DIR");
        var output = a.RequiredOption("--out");
        if (!Directory.Exists(input))
        {
            throw new CliUsageException($"'{input}' is not a directory");
        }

        var files = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var structureSets = files.Where(IsStructureSet).ToList();
        if (structureSets.Count == 0)
        {
            stderr.WriteLine($"airadcr-dicom: no RT Structure Set under '{input}'");
            return CliApp.InvalidInput;
        }

        var images = files.Except(structureSets).ToList();
        var failed = false;
        for (var s = 0; s < structureSets.Count; s++)
        {
            var directory = structureSets.Count == 1 ? output : Path.Combine(output, $"rtstruct-{s + 1}");
            RtStructSummary summary;
            try
            {
                summary = RtStructProcessor.ProcessAsync(structureSets[s], images, directory, RtStructOptions.Default, CancellationToken.None)
                    .GetAwaiter().GetResult();
            }
            catch (RtStructException ex)
            {
                stderr.WriteLine($"airadcr-dicom: {Path.GetFileName(structureSets[s])}: {ex.Message}");
                failed = true;
                continue;
            }

            Print(summary, directory, stdout, stderr);
            failed |= summary.Error is not null || summary.Rois.Any(r => r.Error is not null);
        }

        return failed ? CliApp.InvalidInput : CliApp.Ok;
    }

    private static void Print(RtStructSummary summary, string directory, TextWriter stdout, TextWriter stderr)
    {
        stdout.WriteLine($"{Path.Combine(directory, RtStructSummary.FileName)}");
        if (summary.Error is not null)
        {
            stderr.WriteLine($"airadcr-dicom: {summary.Error}");
        }

        foreach (var roi in summary.Rois)
        {
            stdout.WriteLine(roi.Error is null
                ? string.Create(CultureInfo.InvariantCulture, $"  {roi.Number,4} {roi.Name,-24} {roi.VolumeCc,10:0.000} cc {roi.SurfaceCm2,10:0.00} cm2 {roi.SliceCount,4} slices")
                : string.Create(CultureInfo.InvariantCulture, $"  {roi.Number,4} {roi.Name,-24} error: {roi.Error}"));
        }
    }

    private static bool IsStructureSet(string path)
    {
        try
        {
            using var file = DicomFile.Open(path, HeaderOnly);
            return file.Dataset.GetStringOrDefault(DicomTag.Modality) == "RTSTRUCT";
        }
        catch (Exception ex) when (ex is DicomFormatException or DicomValueException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
