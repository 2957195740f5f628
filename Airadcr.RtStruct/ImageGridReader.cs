using System.Collections.Concurrent;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;

namespace Airadcr.RtStruct;

/// <summary>Picks the referenced series among candidate image files (headers only) and builds its <see cref="ImageGrid"/>.</summary>
internal static class ImageGridReader
{
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    private sealed record ImageHeader(string Series, string? Frame, string Sop, int Rows, int Columns, double[] Position, double[] Orientation, double[] Spacing);

    /// <summary>The grid, or an error that names no identifier.</summary>
    public static (ImageGrid? Grid, string? Error) Read(RtStructureSet set, IReadOnlyList<string> imagePaths, int parallelism, CancellationToken cancellationToken)
    {
        var headers = new ConcurrentBag<ImageHeader>();
        Parallel.ForEach(imagePaths, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken }, path =>
        {
            if (TryReadHeader(path) is { } header)
            {
                headers.Add(header);
            }
        });

        var bySeries = headers.GroupBy(h => h.Series, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var referencedSops = new HashSet<string>(set.ReferencedSopInstanceUids, StringComparer.Ordinal);
        var chosen = set.ReferencedSeriesInstanceUids.FirstOrDefault(bySeries.ContainsKey)
                     ?? bySeries.Where(s => s.Value.Any(h => referencedSops.Contains(h.Sop)))
                         .OrderByDescending(s => s.Value.Count(h => referencedSops.Contains(h.Sop))).Select(s => s.Key).FirstOrDefault()
                     ?? bySeries.Where(s => set.FrameOfReferenceUid is not null && s.Value.Any(h => h.Frame == set.FrameOfReferenceUid))
                         .OrderByDescending(s => s.Value.Count).Select(s => s.Key).FirstOrDefault();
        if (chosen is null)
        {
            return (null, bySeries.Count == 0
                ? "no image with a usable geometry among the candidate files"
                : $"none of the {bySeries.Count} image series matches the structure set's referenced series, images or frame of reference");
        }

        return Build(chosen, bySeries[chosen]);
    }

    private static (ImageGrid?, string?) Build(string series, List<ImageHeader> images)
    {
        var first = images[0];
        if (images.Any(h => h.Rows != first.Rows || h.Columns != first.Columns))
        {
            return (null, "the referenced series mixes image sizes");
        }

        if (images.Any(h => !Same(h.Orientation, first.Orientation, 1e-4) || !Same(h.Spacing, first.Spacing, 1e-4)))
        {
            return (null, "the referenced series mixes orientations or pixel spacings");
        }

        var row = new Vector(first.Orientation[0], first.Orientation[1], first.Orientation[2]);
        var column = new Vector(first.Orientation[3], first.Orientation[4], first.Orientation[5]);
        if (Math.Abs(row.Length - 1) > 1e-3 || Math.Abs(column.Length - 1) > 1e-3 || Math.Abs(Vector.Dot(row, column)) > 1e-3)
        {
            return (null, "the Image Orientation (Patient) of the referenced series is not two orthogonal unit vectors");
        }

        var normal = Vector.Cross(row, column);
        if (Math.Abs(normal.Z) < 0.999)
        {
            return (null, "the referenced series is not axial (its slice normal is not the patient's z axis): only axial grids are processed");
        }

        var ordered = images.Select(h => (Header: h, S: Vector.Dot(new Vector(h.Position[0], h.Position[1], h.Position[2]), normal)))
            .OrderBy(p => p.S).ToList();
        for (var k = 1; k < ordered.Count; k++)
        {
            if (ordered[k].S - ordered[k - 1].S < 1e-3)
            {
                return (null, "two images of the referenced series share a slice position");
            }
        }

        var origin = ordered[0].Header.Position;
        var offsets = ordered.Select(p => p.S - ordered[0].S).ToArray();
        return (new ImageGrid(series, first.Frame, first.Columns, first.Rows, first.Spacing[1], first.Spacing[0],
            new Vector(origin[0], origin[1], origin[2]), row, column, offsets, ordered.Select(p => p.Header.Sop).ToArray()), null);
    }

    private static ImageHeader? TryReadHeader(string path)
    {
        try
        {
            using var file = DicomFile.Open(path, HeaderOnly);
            var ds = file.Dataset;
            if (ds.GetStringOrDefault(DicomTag.Modality) is "RTSTRUCT" or "RTPLAN" or "RTDOSE" or "SR" or "PR" or "SEG" or "REG"
                || ds.GetValueOrDefault(DicomTag.NumberOfFrames, 1) != 1
                || !ds.TryGetElement(DicomTag.ImagePositionPatient, out var position)
                || !ds.TryGetElement(DicomTag.ImageOrientationPatient, out var orientation)
                || !ds.TryGetElement(DicomTag.PixelSpacing, out var spacing)
                || ds.GetStringOrDefault(DicomTag.SeriesInstanceUID) is not { Length: > 0 } series
                || ds.GetStringOrDefault(DicomTag.SOPInstanceUID) is not { Length: > 0 } sop)
            {
                return null;
            }

            var p = position.GetValues<double>();
            var o = orientation.GetValues<double>();
            var s = spacing.GetValues<double>();
            var rows = ds.GetValue<int>(DicomTag.Rows);
            var columns = ds.GetValue<int>(DicomTag.Columns);
            return p.Length == 3 && o.Length == 6 && s.Length == 2 && s[0] > 0 && s[1] > 0 && rows > 0 && columns > 0
                   && p.Concat(o).Concat(s).All(double.IsFinite)
                ? new ImageHeader(series, ds.GetStringOrDefault(DicomTag.FrameOfReferenceUID), sop, rows, columns, p, o, s)
                : null;
        }
        catch (Exception ex) when (ex is DicomFormatException or DicomValueException or IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static bool Same(double[] a, double[] b, double tolerance) => a.Zip(b).All(p => Math.Abs(p.First - p.Second) <= tolerance);
}
