using System.Globalization;

namespace Airadcr.RtStruct;

/// <summary>One ROI on one grid: checks, mask, measures, mesh, NIfTI and STL files. Every failure is the ROI's own
/// error; nothing here names a patient or a UID.</summary>
internal static class RoiProcessor
{
    public static RtRoiSummary Process(RtRoi roi, ImageGrid grid, Lazy<byte[]> emptySlice, string outputDirectory, RtStructOptions options, CancellationToken cancellationToken)
    {
        if (roi.Error is not null)
        {
            return Failed(roi, roi.Error);
        }

        if (roi.FrameOfReferenceUid is { Length: > 0 } frame && grid.FrameOfReferenceUid is { Length: > 0 } gridFrame && frame != gridFrame)
        {
            return Failed(roi, "the ROI's frame of reference matches no image series");
        }

        if (roi.Contours.Count == 0)
        {
            return Failed(roi, "empty ROI (no contours)");
        }

        var (slices, error) = RoiSlices.Build(roi, grid);
        if (slices is null)
        {
            return Failed(roi, error!);
        }

        if (slices.PolygonsBySlice.Count == 0)
        {
            return PointsOnly(roi, slices, grid);
        }

        var mask = RoiMask.Rasterise(slices, grid, options.MaxMaskVoxels, cancellationToken);
        if (mask.Error is not null)
        {
            return Failed(roi, mask.Error);
        }

        if (mask.Mask is null)
        {
            return Failed(roi, "the contours enclose no voxel centre of the grid");
        }

        var measures = MaskMeasures.Of(mask.Mask!, grid);
        if (measures is null)
        {
            return Failed(roi, "the contours enclose no voxel centre of the grid");
        }

        var mesh = MarchingCubes.Extract(mask.Mask!, grid, cancellationToken);
        if (mesh.VolumeMm3() < 0)
        {
            mesh.FlipOrientation();
        }

        mesh.TaubinSmooth(options.SmoothingIterations, options.TaubinLambda, options.TaubinMu, cancellationToken);
        string? nifti = null, stl = null;
        var description = $"AIRADCR RTSTRUCT ROI {roi.Number.ToString(CultureInfo.InvariantCulture)}";
        if (options.WriteNifti)
        {
            nifti = $"roi-{roi.Number.ToString(CultureInfo.InvariantCulture)}.nii.gz";
            NiftiWriter.Write(Path.Combine(outputDirectory, nifti), mask.Mask!, grid, description, emptySlice.Value);
        }

        if (options.WriteStl)
        {
            stl = $"roi-{roi.Number.ToString(CultureInfo.InvariantCulture)}.stl";
            StlWriter.Write(Path.Combine(outputDirectory, stl), mesh, description + " (LPS, mm)");
        }

        return new RtRoiSummary(roi.Number, roi.Name, Color(roi), roi.InterpretedType,
            measures.VolumeMm3 / 1000, mesh.AreaMm2() / 100, mesh.VolumeMm3() / 1000, measures.Centroid.ToArray(),
            [measures.Min.X, measures.Min.Y, measures.Min.Z, measures.Max.X, measures.Max.Y, measures.Max.Z],
            measures.SliceCount, measures.VoxelCount, new RtRoiFiles(nifti, stl), null);
    }

    public static RtRoiSummary Failed(RtRoi roi, string error) =>
        new(roi.Number, roi.Name, Color(roi), roi.InterpretedType, null, null, null, null, null, 0, 0, new RtRoiFiles(null, null), error);

    /// <summary>POINT and OPEN_PLANAR ROIs: no volume; centroid and bounding box of the points, planes they lie on.</summary>
    private static RtRoiSummary PointsOnly(RtRoi roi, RoiSlices slices, ImageGrid grid)
    {
        var points = roi.Contours.SelectMany(c => Enumerable.Range(0, c.PointCount).Select(p => new Vector(c.Points[3 * p], c.Points[3 * p + 1], c.Points[3 * p + 2])))
            .ToArray();
        var centroid = new Vector(points.Average(p => p.X), points.Average(p => p.Y), points.Average(p => p.Z));
        var planes = slices.Points.Select(p => grid.NearestSlice(p.S)).Where(k => k >= 0).Distinct().Count();
        return new RtRoiSummary(roi.Number, roi.Name, Color(roi), roi.InterpretedType, 0, 0, 0, centroid.ToArray(),
            [points.Min(p => p.X), points.Min(p => p.Y), points.Min(p => p.Z), points.Max(p => p.X), points.Max(p => p.Y), points.Max(p => p.Z)],
            planes, 0, new RtRoiFiles(null, null), null);
    }

    private static int[]? Color(RtRoi roi) => roi.Color is { } c ? [c.R, c.G, c.B] : null;
}
