using System.Text.Json;

namespace Airadcr.RtStruct;

/// <summary>Structure set + images -> per-ROI masks, measures, NIfTI-1 masks, STL meshes and <c>summary.json</c>.</summary>
public static class RtStructProcessor
{
    /// <summary>Processes one structure set. <paramref name="imagePaths"/> are candidate image files (e.g. the whole
    /// study): the referenced series' grid is picked from them. A bad ROI becomes an error in its summary entry; the
    /// others are still processed. Throws <see cref="RtStructException"/> only when the structure set itself cannot
    /// be read.</summary>
    public static async Task<RtStructSummary> ProcessAsync(string structureSetPath, IReadOnlyList<string> imagePaths,
        string outputDirectory, RtStructOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(imagePaths);
        ArgumentNullException.ThrowIfNull(options);
        var set = RtStructureSet.Load(structureSetPath, options.MaxPointsPerRoi);
        Directory.CreateDirectory(outputDirectory);
        var rois = set.Rois.Select(r => new RtRoiSummary(r.Number, r.Name, null, r.InterpretedType, null, null, null, null, null, 0, 0,
            new RtRoiFiles(null, null), "not implemented yet")).ToList();
        var summary = new RtStructSummary(set.SopInstanceUid, set.StudyInstanceUid, set.FrameOfReferenceUid, set.Label, null, rois, null);
        await WriteSummaryAsync(summary, outputDirectory, cancellationToken).ConfigureAwait(false);
        return summary;
    }

    internal static async Task WriteSummaryAsync(RtStructSummary summary, string outputDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(outputDirectory, RtStructSummary.FileName);
        await using var stream = File.Create(path + ".tmp");
        await JsonSerializer.SerializeAsync(stream, summary, RtStructJsonContext.Default.RtStructSummary, cancellationToken).ConfigureAwait(false);
        await stream.DisposeAsync().ConfigureAwait(false);
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
