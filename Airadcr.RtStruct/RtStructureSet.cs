using Airadcr.Dicom;
using Airadcr.Dicom.IO;

namespace Airadcr.RtStruct;

/// <summary>An RT Structure Set read from a Part 10 file: its ROIs (Structure Set ROI, ROI Contour and RT ROI
/// Observations joined by ROI number) and what it references (frame of reference, study, series, images), which is
/// what the gateway checks before processing ("are the images here?").</summary>
public sealed class RtStructureSet
{
    /// <summary>More Contour Data points than this in one ROI make that ROI an error (bounded memory).</summary>
    public const int DefaultMaxPointsPerRoi = 4_000_000;

    private const string RtStructureSetStorage = "1.2.840.10008.5.1.4.1.1.481.3";
    private static readonly DicomTag ContourSequence = DicomTag.ContourSequence;

    private RtStructureSet(string sopInstanceUid, string studyInstanceUid, string? frameOfReferenceUid, string? label,
        IReadOnlyList<string> series, IReadOnlyList<string> images, IReadOnlyList<RtRoi> rois)
    {
        SopInstanceUid = sopInstanceUid;
        StudyInstanceUid = studyInstanceUid;
        FrameOfReferenceUid = frameOfReferenceUid;
        Label = label;
        ReferencedSeriesInstanceUids = series;
        ReferencedSopInstanceUids = images;
        Rois = rois;
    }

    public string SopInstanceUid { get; }

    public string StudyInstanceUid { get; }

    /// <summary>The first Referenced Frame of Reference UID (3006,0010 > 0020,0052), null when absent.</summary>
    public string? FrameOfReferenceUid { get; }

    /// <summary>Structure Set Label (3006,0002).</summary>
    public string? Label { get; }

    /// <summary>Series named under Referenced Frame of Reference > RT Referenced Study > RT Referenced Series.</summary>
    public IReadOnlyList<string> ReferencedSeriesInstanceUids { get; }

    /// <summary>Images named there (Contour Image Sequence) and by the contours themselves, distinct, in order of first mention.</summary>
    public IReadOnlyList<string> ReferencedSopInstanceUids { get; }

    public IReadOnlyList<RtRoi> Rois { get; }

    /// <summary>Reads a file; <see cref="RtStructException"/> when it is not an RT Structure Set or cannot be read.</summary>
    public static RtStructureSet Load(string path) => Load(path, DefaultMaxPointsPerRoi);

    public static RtStructureSet Load(string path, int maxPointsPerRoi)
    {
        DicomFile file;
        try
        {
            file = DicomFile.Open(path);
        }
        catch (Exception ex) when (ex is DicomFormatException or DicomValueException or IOException or UnauthorizedAccessException)
        {
            throw new RtStructException($"cannot read the structure set file: {ex.Message}", ex);
        }

        using (file)
        {
            return FromDataset(file.Dataset, maxPointsPerRoi);
        }
    }

    /// <summary>Reads a dataset already in memory (the values are copied out of it).</summary>
    public static RtStructureSet FromDataset(DicomDataset dataset, int maxPointsPerRoi = DefaultMaxPointsPerRoi)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        try
        {
            var modality = dataset.GetStringOrDefault(DicomTag.Modality);
            var sopClass = dataset.GetStringOrDefault(DicomTag.SOPClassUID);
            if (modality != "RTSTRUCT" && sopClass != RtStructureSetStorage)
            {
                throw new RtStructException($"not an RT Structure Set (modality '{modality ?? "none"}')");
            }

            if (!dataset.TryGetSequence(DicomTag.StructureSetROISequence, out var roiSequence))
            {
                throw new RtStructException("the Structure Set ROI Sequence (3006,0020) is absent");
            }

            var images = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var (frame, series) = ReadReferences(dataset, images, seen);
            var rois = ReadRois(dataset, roiSequence, images, seen, maxPointsPerRoi);
            return new RtStructureSet(
                dataset.GetStringOrDefault(DicomTag.SOPInstanceUID) ?? throw new RtStructException("the SOP Instance UID is absent"),
                dataset.GetStringOrDefault(DicomTag.StudyInstanceUID) ?? throw new RtStructException("the Study Instance UID is absent"),
                frame, dataset.GetStringOrDefault(DicomTag.StructureSetLabel), series, images, rois);
        }
        catch (DicomValueException ex)
        {
            throw new RtStructException($"malformed structure set: {ex.Message}", ex);
        }
    }

    private static (string? Frame, List<string> Series) ReadReferences(DicomDataset dataset, List<string> images, HashSet<string> seen)
    {
        string? frame = null;
        var series = new List<string>();
        if (!dataset.TryGetSequence(DicomTag.ReferencedFrameOfReferenceSequence, out var frames))
        {
            return (null, series);
        }

        foreach (var f in frames.Items)
        {
            frame ??= f.GetStringOrDefault(DicomTag.FrameOfReferenceUID);
            if (!f.TryGetSequence(DicomTag.RTReferencedStudySequence, out var studies))
            {
                continue;
            }

            foreach (var s in studies.Items.Where(s => s.TryGetSequence(DicomTag.RTReferencedSeriesSequence, out _)))
            {
                foreach (var r in s.GetSequence(DicomTag.RTReferencedSeriesSequence).Items)
                {
                    if (r.GetStringOrDefault(DicomTag.SeriesInstanceUID) is { Length: > 0 } uid && !series.Contains(uid))
                    {
                        series.Add(uid);
                    }

                    AddImages(r, images, seen);
                }
            }
        }

        return (frame, series);
    }

    private static List<RtRoi> ReadRois(DicomDataset dataset, DicomSequence roiSequence, List<string> images, HashSet<string> seen, int maxPoints)
    {
        var contoursByRoi = new Dictionary<int, DicomDataset>();
        if (dataset.TryGetSequence(DicomTag.ROIContourSequence, out var roiContours))
        {
            foreach (var item in roiContours.Items)
            {
                if (TryNumber(item, DicomTag.ReferencedROINumber, out var number))
                {
                    contoursByRoi.TryAdd(number, item);
                }
            }
        }

        var typeByRoi = new Dictionary<int, string?>();
        if (dataset.TryGetSequence(DicomTag.RTROIObservationsSequence, out var observations))
        {
            foreach (var item in observations.Items)
            {
                if (TryNumber(item, DicomTag.ReferencedROINumber, out var number))
                {
                    typeByRoi.TryAdd(number, item.GetStringOrDefault(DicomTag.RTROIInterpretedType));
                }
            }
        }

        var rois = new List<RtRoi>(roiSequence.Items.Count);
        foreach (var item in roiSequence.Items)
        {
            if (!TryNumber(item, DicomTag.ROINumber, out var number))
            {
                continue;
            }

            var name = item.GetStringOrDefault(DicomTag.ROIName) ?? $"ROI {number}";
            var frame = item.GetStringOrDefault(DicomTag.ReferencedFrameOfReferenceUID);
            contoursByRoi.TryGetValue(number, out var roiContour);
            var color = roiContour is null ? null : ReadColor(roiContour);
            var (contours, error) = roiContour is null ? ([], null) : ReadContours(roiContour, images, seen, maxPoints);
            rois.Add(new RtRoi(number, name, color, typeByRoi.GetValueOrDefault(number), frame, contours, error));
        }

        return rois;
    }

    private static (IReadOnlyList<RtContour>, string?) ReadContours(DicomDataset roiContour, List<string> images, HashSet<string> seen, int maxPoints)
    {
        if (!roiContour.TryGetSequence(ContourSequence, out var sequence))
        {
            return ([], null);
        }

        long total = 0;
        foreach (var item in sequence.Items)
        {
            total += item.TryGetElement(DicomTag.ContourData, out var data) ? DecimalStrings.Count(data.Data.Span) / 3 : 0;
            if (total > maxPoints)
            {
                return ([], $"more than {maxPoints} contour points: not processed");
            }
        }

        var contours = new List<RtContour>(sequence.Items.Count);
        for (var c = 0; c < sequence.Items.Count; c++)
        {
            var item = sequence.Items[c];
            if (!item.TryGetElement(DicomTag.ContourData, out var data))
            {
                return ([], $"contour {c + 1} has no Contour Data");
            }

            var values = new double[DecimalStrings.Count(data.Data.Span)];
            if (values.Length % 3 != 0 || !DecimalStrings.TryParse(data.Data.Span, values))
            {
                return ([], $"contour {c + 1}: Contour Data is not a list of x\\y\\z decimal triples");
            }

            var geometry = ParseGeometry(item.GetStringOrDefault(DicomTag.ContourGeometricType));
            if (geometry is null)
            {
                return ([], $"contour {c + 1}: unknown Contour Geometric Type");
            }

            AddImages(item, images, seen);
            var referenced = new List<string>();
            if (item.TryGetSequence(DicomTag.ContourImageSequence, out var contourImages))
            {
                referenced.AddRange(contourImages.Items.Select(i => i.GetStringOrDefault(DicomTag.ReferencedSOPInstanceUID)).OfType<string>());
            }

            contours.Add(new RtContour(geometry.Value, values, referenced));
        }

        return (contours, null);
    }

    private static RtContourGeometry? ParseGeometry(string? text) => text switch
    {
        "CLOSED_PLANAR" or "CLOSEDPLANAR" => RtContourGeometry.ClosedPlanar,
        "OPEN_PLANAR" => RtContourGeometry.OpenPlanar,
        "OPEN_NONPLANAR" => RtContourGeometry.OpenNonplanar,
        "POINT" => RtContourGeometry.Point,
        _ => null,
    };

    private static RtColor? ReadColor(DicomDataset roiContour)
    {
        if (!roiContour.TryGetElement(DicomTag.ROIDisplayColor, out var element))
        {
            return null;
        }

        var values = new double[DecimalStrings.Count(element.Data.Span)];
        return values.Length == 3 && DecimalStrings.TryParse(element.Data.Span, values)
            ? new RtColor(ToByte(values[0]), ToByte(values[1]), ToByte(values[2]))
            : null;
    }

    private static byte ToByte(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);

    private static void AddImages(DicomDataset item, List<string> images, HashSet<string> seen)
    {
        if (!item.TryGetSequence(DicomTag.ContourImageSequence, out var sequence))
        {
            return;
        }

        foreach (var image in sequence.Items)
        {
            if (image.GetStringOrDefault(DicomTag.ReferencedSOPInstanceUID) is { Length: > 0 } uid && seen.Add(uid))
            {
                images.Add(uid);
            }
        }
    }

    private static bool TryNumber(DicomDataset item, DicomTag tag, out int number)
    {
        number = 0;
        if (!item.TryGetElement(tag, out var element))
        {
            return false;
        }

        Span<double> value = stackalloc double[1];
        if (DecimalStrings.Count(element.Data.Span) != 1 || !DecimalStrings.TryParse(element.Data.Span, value) || value[0] != Math.Floor(value[0])
            || Math.Abs(value[0]) > int.MaxValue)
        {
            return false;
        }

        number = (int)value[0];
        return true;
    }
}
