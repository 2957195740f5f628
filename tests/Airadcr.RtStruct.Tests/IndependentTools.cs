using System.Globalization;
using Airadcr.Testing;

namespace Airadcr.RtStruct.Tests;

/// <summary>The independent tools the results are checked against (Debian packages; a missing one fails the test
/// with its install command).</summary>
internal static class IndependentTools
{
    private const string Python = "/usr/bin/python3";

    private static string Oracle(string name) => Path.Combine(AppContext.BaseDirectory, "Oracles", name);

    /// <summary>plastimatch's masks (one .nii.gz per ROI, named after the ROI) of the structure set on the CT, contours of a
    /// plane xor'd (the even-odd rule: holes; plastimatch's default ors them).</summary>
    public static async Task<string> PlastimatchMasksAsync(string structureSet, string ctDirectory, string output, CancellationToken cancellationToken)
    {
        (await ExternalTool.RunAsync("plastimatch", "plastimatch",
            ["convert", "--input", structureSet, "--referenced-ct", ctDirectory, "--output-prefix", output, "--prefix-format", "nii.gz", "--xor-contours"],
            cancellationToken)).EnsureSuccess();
        return output;
    }

    /// <summary>dicompyler-core's DVH volumes (cc) by ROI number.</summary>
    public static async Task<Dictionary<int, double>> DicompylerVolumesAsync(string structureSet, string ctDirectory, CancellationToken cancellationToken)
    {
        RequireModule("dicompylercore", "python3-dicompylercore");
        var result = (await ExternalTool.RunExecutableAsync(Python, [Oracle("dicompyler_volumes.py"), structureSet, ctDirectory], cancellationToken)).EnsureSuccess();
        return Lines(result.StandardOutput).ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture), f => Number(f[1]));
    }

    /// <summary>nibabel's reading of NIfTI masks, by file.</summary>
    public static async Task<Dictionary<string, NiftiMask>> NiftiMasksAsync(IEnumerable<string> files, CancellationToken cancellationToken)
    {
        RequireModule("nibabel", "python3-nibabel");
        var result = (await ExternalTool.RunExecutableAsync(Python, [Oracle("nifti_masks.py"), .. files], cancellationToken)).EnsureSuccess();
        return Lines(result.StandardOutput).ToDictionary(f => f[0],
            f => new NiftiMask(long.Parse(f[1], CultureInfo.InvariantCulture), Number(f[2]), [Number(f[3]), Number(f[4]), Number(f[5])], f[6]));
    }

    /// <summary>admesh's report of a binary STL.</summary>
    public static async Task<StlCheck> AdmeshAsync(string stl, CancellationToken cancellationToken)
    {
        var output = (await ExternalTool.RunAsync("admesh", "admesh", [stl], cancellationToken)).EnsureSuccess().StandardOutput;
        string Value(string label)
        {
            var line = output.Split('\n').First(l => l.Contains(label, StringComparison.Ordinal));
            var after = line[(line.IndexOf(label, StringComparison.Ordinal) + label.Length)..].TrimStart(' ', ':');
            return after.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        }

        return new StlCheck(
            int.Parse(Value("Total disconnected facets"), CultureInfo.InvariantCulture),
            int.Parse(Value("Number of parts"), CultureInfo.InvariantCulture),
            int.Parse(Value("Facets reversed"), CultureInfo.InvariantCulture),
            int.Parse(Value("Backwards edges"), CultureInfo.InvariantCulture),
            int.Parse(Value("Degenerate facets"), CultureInfo.InvariantCulture),
            Number(Value("Volume")));
    }

    private static void RequireModule(string module, string package)
    {
        if (!File.Exists(Python) || !Directory.Exists($"/usr/lib/python3/dist-packages/{module}"))
        {
            throw new MissingToolException($"{Python} with {module}", package);
        }
    }

    private static IEnumerable<string[]> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split('\t'));

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}

public sealed record NiftiMask(long Voxels, double VolumeMm3, double[] CentroidRas, string Dimensions);

/// <summary>admesh: facets with an unconnected edge (0 = closed), connected parts, facets it had to reverse and
/// backwards edges (0 = consistently oriented), degenerate facets, enclosed volume (mm3).</summary>
public sealed record StlCheck(int DisconnectedFacets, int Parts, int FacetsReversed, int BackwardsEdges, int DegenerateFacets, double VolumeMm3);
