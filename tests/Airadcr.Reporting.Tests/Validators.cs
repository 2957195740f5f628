using Airadcr.Testing;

namespace Airadcr.Reporting.Tests;

/// <summary>Independent DICOM validators run on the objects we write.</summary>
internal static class Validators
{
    /// <summary>dicom3tools' dciodvfy: the IOD's modules and attributes. Returns its "Error" lines.</summary>
    public static async Task<IReadOnlyList<string>> DciodvfyErrorsAsync(string file, CancellationToken ct)
    {
        var result = await ExternalTool.RunAsync("dciodvfy", "dicom3tools", [file], ct);
        return (result.StandardOutput + result.StandardError).Split('\n')
            .Where(line => line.StartsWith("Error", StringComparison.Ordinal)).ToList();
    }

    /// <summary>PixelMed's SR validator (templates included). It exits 0 even on errors: read its output.</summary>
    public static async Task<string> PixelMedSrValidatorAsync(string file, CancellationToken ct)
    {
        ToolLocator.Find("java", "default-jre-headless");
        const string jar = "/usr/share/java/pixelmed.jar";
        if (!File.Exists(jar))
        {
            throw new MissingToolException(jar, "pixelmed-apps");
        }
        var result = await ExternalTool.RunAsync("java", "default-jre-headless",
        [
            "-Djdk.xml.xpathExprOpLimit=0", "-Djdk.xml.xpathExprGrpLimit=0", "-Djdk.xml.xpathTotalOpLimit=0",
            "-cp", jar, "com.pixelmed.validate.DicomSRValidator", file,
        ], ct);
        return result.StandardOutput + result.StandardError;
    }

    /// <summary>pydicom (Debian's python3-pydicom) reads the file and prints what the script asks.</summary>
    public static async Task<string> PydicomAsync(string file, string script, CancellationToken ct)
    {
        var result = await ExternalTool.RunAsync("/usr/bin/python3", "python3-pydicom",
            ["-c", "import sys, pydicom\nds = pydicom.dcmread(sys.argv[1])\n" + script, file], ct);
        return result.EnsureSuccess().StandardOutput.Trim();
    }
}
