using System.Globalization;
using System.Text.Json;

namespace Airadcr.DicomGateway.Analysis;

/// <summary>
/// Where an analysis leaves its results: <c>{storage}/{study}/results/{job}/</c> holds the AI SR, the PDF, the
/// Encapsulated PDF, the FHIR report and <c>findings.json</c> (the inference answer, <see cref="StudyFindings"/>), which the
/// research space reads.
/// </summary>
public static class StudyResults
{
    public const string FindingsFileName = "findings.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Folder(string storageRoot, string studyUid, long jobId) =>
        Path.Combine(storageRoot, studyUid, "results", jobId.ToString(CultureInfo.InvariantCulture));

    public static async Task SaveFindingsAsync(string folder, StudyFindings findings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, FindingsFileName), JsonSerializer.SerializeToUtf8Bytes(findings, Json), cancellationToken);
    }

    /// <summary>The findings of the study's latest analysis that kept them, or null when it has none.</summary>
    public static StudyFindings? LatestFindings(string storageRoot, string studyUid)
    {
        var results = Path.Combine(storageRoot, studyUid, "results");
        if (!Directory.Exists(results))
        {
            return null;
        }
        var latest = Directory.EnumerateDirectories(results)
            .Select(folder => (Folder: folder, Job: long.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var job) ? job : -1))
            .Where(entry => entry.Job >= 0 && File.Exists(Path.Combine(entry.Folder, FindingsFileName)))
            .OrderByDescending(entry => entry.Job)
            .Select(entry => entry.Folder)
            .FirstOrDefault();
        return latest is null ? null : JsonSerializer.Deserialize<StudyFindings>(File.ReadAllBytes(Path.Combine(latest, FindingsFileName)), Json);
    }
}
