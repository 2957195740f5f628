using System.Text.Json;

namespace Airadcr.DicomGateway.RtStruct;

/// <summary>
/// Where a structure set's results are kept: <c>{storage}/rtstruct/{setId}/</c> (<c>summary.json</c>, the NIfTI and STL
/// files it names). A run writes into <c>{storage}/rtstruct/.work-{setId}</c> and replaces the folder only once done,
/// so the last complete results stay readable while the set is processed again.
/// </summary>
public static class RtStructResults
{
    public const string SummaryFileName = "summary.json";

    public static string Root(string storageRoot) => Path.Combine(storageRoot, "rtstruct");

    public static string Folder(string storageRoot, string setId) => Path.Combine(Root(storageRoot), setId);

    public static string WorkFolder(string storageRoot, string setId) => Path.Combine(Root(storageRoot), ".work-" + setId);

    /// <summary>Replaces the set's results with a finished run's.</summary>
    public static void Publish(string storageRoot, string setId)
    {
        var folder = Folder(storageRoot, setId);
        var previous = folder + ".old";
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }
        if (Directory.Exists(folder))
        {
            Directory.Move(folder, previous);
        }
        Directory.Move(WorkFolder(storageRoot, setId), folder);
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }
    }

    /// <summary>
    /// A file of the set's results named by a relative path, or null when there is none of that name: each segment
    /// must be a plain name (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>, not starting with a dot), so no path leaves the folder.
    /// </summary>
    public static string? File(string storageRoot, string setId, string relativePath)
    {
        var segments = relativePath.Split('/');
        if (!RtStructureSetId.IsValid(setId) || segments.Length > 4 || !segments.All(IsPlainName))
        {
            return null;
        }
        var folder = Folder(storageRoot, setId);
        var path = Path.GetFullPath(Path.Combine([folder, .. segments]));
        return path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) && System.IO.File.Exists(path) ? path : null;
    }

    /// <summary>The files of the set's results, relative to its folder ('/' separated).</summary>
    public static IReadOnlyList<ResultFile> List(string storageRoot, string setId)
    {
        var folder = Folder(storageRoot, setId);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(path => new ResultFile(Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'), new FileInfo(path).Length))]
            : [];
    }

    /// <summary>The summary of the set's last run, as written (snake_case JSON), or null.</summary>
    public static JsonElement? Summary(string storageRoot, string setId)
    {
        var path = Path.Combine(Folder(storageRoot, setId), SummaryFileName);
        if (!System.IO.File.Exists(path))
        {
            return null;
        }
        using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
        return document.RootElement.Clone();
    }

    /// <summary>How many ROIs a summary lists and how many of them carry an error.</summary>
    public static (int Rois, int Errors) Count(JsonElement? summary)
    {
        if (summary is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("rois", out var rois) || rois.ValueKind != JsonValueKind.Array)
        {
            return (0, 0);
        }
        var errors = rois.EnumerateArray().Count(roi => roi.ValueKind == JsonValueKind.Object && roi.TryGetProperty("error", out var error)
            && error.ValueKind == JsonValueKind.String && error.GetString() is { Length: > 0 });
        return (rois.GetArrayLength(), errors);
    }

    /// <summary>The content type of a result file.</summary>
    public static string ContentType(string name) =>
        name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "application/json"
        : name.EndsWith(".stl", StringComparison.OrdinalIgnoreCase) ? "model/stl"
        : name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? "application/gzip"
        : "application/octet-stream";

    private static bool IsPlainName(string segment) =>
        segment.Length is > 0 and <= 200 && segment[0] != '.'
        && segment.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '_' or '-');
}

/// <summary>A file of a structure set's results.</summary>
public sealed record ResultFile(string Name, long SizeBytes);
