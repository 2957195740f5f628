using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Reporting.Model;

namespace Airadcr.Reporting.Sr;

/// <summary>
/// The AI results as a DICOM SR following TID 1500 "Measurement Report": one Measurement Group (TID 1410 planar ROI)
/// per finding with its tracking identifiers, finding type and site, algorithm identification (TID 4019),
/// measurements and certainty, and the image region it was found in. Comprehensive 3D SR when findings carry patient
/// coordinates (an extra SCOORD3D centre), Comprehensive SR otherwise. Same study, new series, unverified.
/// </summary>
public static class MeasurementReportWriter
{
    public const int SeriesNumber = 9001;

    public static DicomFile Write(ReportDocument report)
    {
        var has3D = report.Findings.Any(f => f.Region is { PatientPosition: not null, FrameOfReferenceUid: not null });
        var sopClass = has3D ? DicomUids.Comprehensive3DSRStorage : DicomUids.ComprehensiveSRStorage;
        var dataset = ReportInstanceHeader.Create(report.Study, sopClass, "SR", "AIRADCR AI results", SeriesNumber, report.CreatedAt,
            report.InstanceUidName);

        dataset.Add(DicomTag.CompletionFlag, "COMPLETE");
        dataset.Add(DicomTag.VerificationFlag, "UNVERIFIED");
        dataset.AddOrUpdate(new DicomSequence(DicomTag.ReferencedPerformedProcedureStepSequence));
        dataset.AddOrUpdate(new DicomSequence(DicomTag.PerformedProcedureCodeSequence));
        var images = EvidenceImages(report);
        if (images.Count > 0)
        {
            dataset.Add(DicomTag.CurrentRequestedProcedureEvidenceSequence, ReportInstanceHeader.Evidence(report.Study.StudyInstanceUid, images));
        }

        // SR Document Content: the root container
        SrContent.SetRoot(dataset, SrConcepts.ImagingMeasurementReport, "1500", RootContent(report, images));

        return ReportInstanceHeader.Complete(dataset);
    }

    private static IReadOnlyList<SourceImage> EvidenceImages(ReportDocument report)
    {
        var known = report.SourceImages.ToDictionary(image => image.SopInstanceUid);
        var missing = report.Findings.Select(f => f.Region.SopInstanceUid).Where(uid => !known.ContainsKey(uid)).Distinct().ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"Findings reference {missing.Count} instance(s) missing from SourceImages (their series is needed for the evidence)");
        }
        return report.SourceImages;
    }

    private static IEnumerable<DicomDataset> RootContent(ReportDocument report, IReadOnlyList<SourceImage> images)
    {
        yield return SrContent.CodeItem(SrContent.HasConceptModifier, SrConcepts.LanguageOfContent, SrConcepts.EnglishUs);
        foreach (var item in DeviceObserver(report))
        {
            yield return item;
        }
        yield return SrContent.CodeItem(SrContent.HasConceptModifier, SrConcepts.ProcedureReported, SrConcepts.ProcedureFor(report.Study.Modality));
        yield return SrContent.Container(SrContent.Contains, SrConcepts.ImageLibrary,
        [
            SrContent.Container(SrContent.Contains, SrConcepts.ImageLibraryGroup,
                images.Select(image => SrContent.Image(SrContent.Contains, null, image.SopClassUid, image.SopInstanceUid))),
        ]);
        yield return SrContent.Container(SrContent.Contains, SrConcepts.ImagingMeasurements, report.Findings.Select(MeasurementGroup));
    }

    /// <summary>TID 1001/1004: the analysis model as device observer.</summary>
    private static IEnumerable<DicomDataset> DeviceObserver(ReportDocument report)
    {
        var algorithms = report.Algorithms.Concat(report.Findings.Select(f => f.Algorithm)).Distinct().ToList();
        var name = algorithms.Count == 0 ? ReportInstanceHeader.ModelName : string.Join(", ", algorithms.Select(a => $"{a.Name} {a.Version}"));
        yield return SrContent.CodeItem(SrContent.HasObsContext, SrConcepts.ObserverType, SrConcepts.Device);
        yield return SrContent.UidRef(SrContent.HasObsContext, SrConcepts.DeviceObserverUid, DicomUidGenerator.FromName("device-observer:" + name));
        yield return SrContent.Text(SrContent.HasObsContext, SrConcepts.DeviceObserverName, Truncate(name, 64));
        yield return SrContent.Text(SrContent.HasObsContext, SrConcepts.DeviceObserverManufacturer, ReportInstanceHeader.Manufacturer);
        yield return SrContent.Text(SrContent.HasObsContext, SrConcepts.DeviceObserverModelName, ReportInstanceHeader.ModelName);
    }

    /// <summary>
    /// The start of each finding's Tracking Identifier. OHIF 3 (Cornerstone3D's SR adapters) re-creates a measurement
    /// as the tool this prefix names (no tool is registered for an ELLIPSE by its graphic type): without it OHIF opens
    /// the finding's slice but marks the SR "not rehydratable", drawing and listing nothing. The text after it stays
    /// the human label ("Finding 1").
    /// </summary>
    public const string OhifEllipseTrackingPrefix = "Cornerstone3DTools@^0.1.0:EllipticalROI:";

    private static DicomDataset MeasurementGroup(Finding finding)
    {
        var region = finding.Region;
        var children = new List<DicomDataset>
        {
            SrContent.Text(SrContent.HasObsContext, SrConcepts.TrackingIdentifier, $"{OhifEllipseTrackingPrefix}Finding {finding.Number}"),
            SrContent.UidRef(SrContent.HasObsContext, SrConcepts.TrackingUniqueIdentifier, finding.TrackingUid),
            SrContent.CodeItem(SrContent.Contains, SrConcepts.Finding, finding.Type),
        };
        if (finding.Site is { } site)
        {
            children.Add(SrContent.CodeItem(SrContent.HasConceptModifier, SrConcepts.FindingSite, site));
        }
        children.Add(SrContent.Text(SrContent.HasConceptModifier, SrConcepts.AlgorithmName, finding.Algorithm.Name));
        children.Add(SrContent.Text(SrContent.HasConceptModifier, SrConcepts.AlgorithmVersion, finding.Algorithm.Version));
        // The 2D region first: OHIF draws a group's first SCOORD/SCOORD3D on the referenced image.
        children.Add(ImageRegion(SrContent.Contains, region));
        if (region is { PatientPosition: { } position, FrameOfReferenceUid: { } frameOfReference })
        {
            children.Add(SrContent.Scoord3D(SrContent.Contains, SrConcepts.Center, "POINT",
                [(float)position.X, (float)position.Y, (float)position.Z], frameOfReference));
        }
        // Each value is INFERRED FROM the region: OHIF's loader takes a group's geometry from its first NUM.
        children.AddRange(finding.Measurements.Select(m => SrContent.Num(SrContent.Contains, m.Concept, m.Value, m.Unit,
            ImageRegion(SrContent.InferredFrom, region))));
        children.Add(SrContent.Num(SrContent.Contains, ReportCodes.CertaintyOfFinding, finding.Confidence * 100, ReportCodes.Percent,
            ImageRegion(SrContent.InferredFrom, region)));
        return SrContent.Container(SrContent.Contains, SrConcepts.MeasurementGroup, children);
    }

    /// <summary>The finding's region as an SCOORD ELLIPSE selected from its image.</summary>
    private static DicomDataset ImageRegion(string relationship, ImageRegion region) =>
        SrContent.Scoord(relationship, SrConcepts.ImageRegion, "ELLIPSE", EllipseAxes(region),
            SrContent.Image(SrContent.SelectedFrom, null, region.SopClassUid, region.SopInstanceUid, region.Frame));

    /// <summary>ELLIPSE graphic data: end points of the major axis then of the minor axis (column, row).</summary>
    private static float[] EllipseAxes(ImageRegion region)
    {
        var cx = (float)region.CenterColumn;
        var cy = (float)region.CenterRow;
        var rx = (float)Math.Max(region.Width / 2, 0.5);
        var ry = (float)Math.Max(region.Height / 2, 0.5);
        return rx >= ry
            ? [cx - rx, cy, cx + rx, cy, cx, cy - ry, cx, cy + ry]
            : [cx, cy - ry, cx, cy + ry, cx - rx, cy, cx + rx, cy];
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
