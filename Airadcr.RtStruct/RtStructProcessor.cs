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
        var parallelism = Math.Max(1, options.MaxDegreeOfParallelism);
        var (grid, gridError) = ImageGridReader.Read(set, imagePaths, parallelism, cancellationToken);
        var rois = new RtRoiSummary[set.Rois.Count];
        if (grid is null)
        {
            for (var r = 0; r < rois.Length; r++)
            {
                rois[r] = RoiProcessor.Failed(set.Rois[r], "no image grid: " + gridError);
            }
        }
        else
        {
            var emptySlice = new Lazy<byte[]>(() => NiftiWriter.EmptySliceMember(grid), LazyThreadSafetyMode.ExecutionAndPublication);
            var duplicates = set.Rois.GroupBy(r => r.Number).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
            await Parallel.ForAsync(0, rois.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                (r, token) =>
                {
                    var roi = set.Rois[r];
                    rois[r] = duplicates.Contains(roi.Number)
                        ? RoiProcessor.Failed(roi, "another ROI has the same ROI number")
                        : ProcessIsolated(roi, grid, emptySlice, outputDirectory, options, token);
                    return ValueTask.CompletedTask;
                }).ConfigureAwait(false);
        }

        var summary = new RtStructSummary(set.SopInstanceUid, set.StudyInstanceUid, set.FrameOfReferenceUid, set.Label,
            grid is null ? null : Describe(grid), rois, gridError);
        await WriteSummaryAsync(summary, outputDirectory, cancellationToken).ConfigureAwait(false);
        return summary;
    }

    /// <summary>A ROI that fails in any way (a bug included) becomes an error entry; the other ROIs go on.</summary>
    private static RtRoiSummary ProcessIsolated(RtRoi roi, ImageGrid grid, Lazy<byte[]> emptySlice, string outputDirectory, RtStructOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return RoiProcessor.Process(roi, grid, emptySlice, outputDirectory, options, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return RoiProcessor.Failed(roi, $"processing failed: {ex.Message}");
        }
    }

    private static RtGridSummary Describe(ImageGrid grid) => new(
        grid.SeriesInstanceUid, grid.Columns, grid.Rows, grid.Slices,
        [grid.ColumnSpacing, grid.RowSpacing, grid.MeanSliceSpacing], grid.Origin.ToArray(),
        grid.RowDirection.ToArray(), grid.ColumnDirection.ToArray(), grid.Normal.ToArray(), grid.UnevenSpacing);

    internal static async Task WriteSummaryAsync(RtStructSummary summary, string outputDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(outputDirectory, RtStructSummary.FileName);
        await using var stream = File.Create(path + ".tmp");
        await JsonSerializer.SerializeAsync(stream, summary, RtStructJsonContext.Default.RtStructSummary, cancellationToken).ConfigureAwait(false);
        await stream.DisposeAsync().ConfigureAwait(false);
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
