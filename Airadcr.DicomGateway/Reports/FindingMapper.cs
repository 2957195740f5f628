using System.Globalization;
using Airadcr.Dicom;
using Airadcr.DicomGateway.Analysis;
using Airadcr.Reporting.Model;
using ReportFinding = Airadcr.Reporting.Model.Finding;

namespace Airadcr.DicomGateway.Reports;

/// <summary>An inference finding as a report finding (coded type and site, region, UCUM measurements).</summary>
public static class FindingMapper
{
    public static ReportFinding Map(AnalysisFinding finding, int number, string sopClassUid, string? frameOfReferenceUid)
    {
        var location = finding.Location;
        var type = new CodedConcept(finding.Type.Code, finding.Type.Scheme, finding.Type.Meaning);
        var planes = location.FirstPlane == location.LastPlane
            ? $"image {(location.FirstPlane + 1).ToString(CultureInfo.InvariantCulture)}"
            : $"images {(location.FirstPlane + 1).ToString(CultureInfo.InvariantCulture)}-{(location.LastPlane + 1).ToString(CultureInfo.InvariantCulture)}";
        return new ReportFinding
        {
            Number = number,
            TrackingUid = DicomUidGenerator.New(),
            Type = type,
            Site = type.Code == ReportCodes.Nodule.Code ? ReportCodes.Lung : null,
            LocationText = planes,
            Region = new ImageRegion
            {
                SopClassUid = sopClassUid,
                SopInstanceUid = location.SopInstanceUid,
                SeriesInstanceUid = location.SeriesInstanceUid,
                Frame = location.Frame > 1 ? location.Frame : null,
                CenterColumn = location.Pixel.X,
                CenterRow = location.Pixel.Y,
                Left = location.BoundingBox.X,
                Top = location.BoundingBox.Y,
                Width = location.BoundingBox.Width,
                Height = location.BoundingBox.Height,
                PatientPosition = frameOfReferenceUid is null ? null : (location.Patient.X, location.Patient.Y, location.Patient.Z),
                FrameOfReferenceUid = frameOfReferenceUid,
            },
            Measurements = Measurements(finding.Size),
            Confidence = Math.Clamp(finding.Confidence, 0, 1),
            Algorithm = new AlgorithmIdentity(finding.ModelId, finding.ModelVersion),
        };
    }

    private static List<Measurement> Measurements(FindingSize size)
    {
        var measurements = new List<Measurement>();
        if (size.DiameterMm is { } diameter)
        {
            measurements.Add(new Measurement(ReportCodes.Diameter, Math.Round(diameter, 1), ReportCodes.Millimeter));
        }
        if (size.AreaMm2 is { } area)
        {
            measurements.Add(new Measurement(ReportCodes.Area, Math.Round(area, 1), ReportCodes.SquareMillimeter));
        }
        if (size.VolumeMl is { } volume)
        {
            measurements.Add(new Measurement(ReportCodes.Volume, Math.Round(volume, 2), ReportCodes.Milliliter));
        }
        return measurements;
    }
}
