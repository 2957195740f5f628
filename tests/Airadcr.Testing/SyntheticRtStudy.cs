using System.Globalization;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;

namespace Airadcr.Testing;

/// <summary>The axial CT grid of a <see cref="SyntheticRtStudy"/>: first voxel centre at (X0, Y0, Z0) mm, rows along
/// +x, columns along +y, slices along +z. <see cref="SlicePositions"/> overrides the even spacing (uneven grids).</summary>
public sealed record SyntheticCtGrid(int Columns = 64, int Rows = 64, int Slices = 40, double PixelSpacingMm = 1, double SliceSpacingMm = 2,
    double X0 = -32, double Y0 = -32, double Z0 = -40)
{
    public IReadOnlyList<double>? SlicePositions { get; init; }

    public double SliceZ(int k) => SlicePositions?[k] ?? Z0 + k * SliceSpacingMm;

    public int SliceCount => SlicePositions?.Count ?? Slices;
}

/// <summary>
/// A CT series of uniform slices and an RTSTRUCT whose ROIs are <see cref="SyntheticRtShape"/>s (spheres, boxes,
/// tubes) of known size and colour, contoured on each slice plane they cross, written as Part 10 files with
/// Airadcr.Dicom. <see cref="StructureSetFile"/> is <c>RS.dcm</c> beside the images <c>CT0001.dcm</c>...
/// </summary>
public sealed record SyntheticRtStudy(string Directory, string StudyInstanceUid, string SeriesInstanceUid, string FrameOfReferenceUid,
    IReadOnlyList<string> ImageFiles, IReadOnlyList<string> ImageSopInstanceUids, string StructureSetFile, IReadOnlyList<SyntheticRtShape> Shapes)
{
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    public const string RtStructureSetStorage = "1.2.840.10008.5.1.4.1.1.481.3";

    public static SyntheticRtStudy Write(string directory, SyntheticCtGrid grid, IReadOnlyList<SyntheticRtShape> shapes)
    {
        System.IO.Directory.CreateDirectory(directory);
        var study = DicomUidGenerator.New();
        var series = DicomUidGenerator.New();
        var frame = DicomUidGenerator.New();
        var pixels = new byte[grid.Columns * grid.Rows * 2];
        var files = new List<string>();
        var sops = new List<string>();
        for (var k = 0; k < grid.SliceCount; k++)
        {
            var sop = DicomUidGenerator.New();
            var dataset = Patient(new DicomDataset(), study)
                .Add(DicomTag.SOPClassUID, CtImageStorage)
                .Add(DicomTag.SOPInstanceUID, sop)
                .Add(DicomTag.SeriesInstanceUID, series)
                .Add(DicomTag.FrameOfReferenceUID, frame)
                .Add(DicomTag.Modality, "CT")
                .Add(DicomTag.InstanceNumber, (k + 1).ToString(CultureInfo.InvariantCulture))
                .Add(DicomTag.ImagePositionPatient, Decimals(grid.X0, grid.Y0, grid.SliceZ(k)))
                .Add(DicomTag.ImageOrientationPatient, "1", "0", "0", "0", "1", "0")
                .Add(DicomTag.PixelSpacing, Decimals(grid.PixelSpacingMm, grid.PixelSpacingMm))
                .Add(DicomTag.SliceThickness, Decimals(grid.SliceSpacingMm))
                .Add(DicomTag.SamplesPerPixel, DicomVR.US, (ushort)1)
                .Add(DicomTag.PhotometricInterpretation, "MONOCHROME2")
                .Add(DicomTag.Rows, DicomVR.US, (ushort)grid.Rows)
                .Add(DicomTag.Columns, DicomVR.US, (ushort)grid.Columns)
                .Add(DicomTag.BitsAllocated, DicomVR.US, (ushort)16)
                .Add(DicomTag.BitsStored, DicomVR.US, (ushort)16)
                .Add(DicomTag.HighBit, DicomVR.US, (ushort)15)
                .Add(DicomTag.PixelRepresentation, DicomVR.US, (ushort)0)
                .Add(DicomTag.RescaleIntercept, "-1024")
                .Add(DicomTag.RescaleSlope, "1");
            dataset.AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OW, pixels));
            var path = Path.Combine(directory, $"CT{k + 1:D4}.dcm");
            DicomFileWriter.Write(path, new DicomFile(dataset), DicomTransferSyntax.ExplicitVRLittleEndian);
            files.Add(path);
            sops.Add(sop);
        }

        var structureSet = Path.Combine(directory, "RS.dcm");
        DicomFileWriter.Write(structureSet, new DicomFile(StructureSet(grid, shapes, study, series, frame, sops)), DicomTransferSyntax.ExplicitVRLittleEndian);
        return new SyntheticRtStudy(directory, study, series, frame, files, sops, structureSet, shapes);
    }

    /// <summary>The RTSTRUCT dataset: ROI numbers are 1.. in the order of <paramref name="shapes"/>.</summary>
    public static DicomDataset StructureSet(SyntheticCtGrid grid, IReadOnlyList<SyntheticRtShape> shapes, string study, string series,
        string frame, IReadOnlyList<string> sops)
    {
        var imageRefs = sops.Select(ImageReference).ToArray();
        var seriesRef = new DicomDataset().Add(DicomTag.SeriesInstanceUID, series).Add(DicomTag.ContourImageSequence, imageRefs);
        var studyRef = new DicomDataset()
            .Add(DicomTag.ReferencedSOPClassUID, "1.2.840.10008.3.1.2.3.1")
            .Add(DicomTag.ReferencedSOPInstanceUID, study)
            .Add(DicomTag.RTReferencedSeriesSequence, seriesRef);
        var frameRef = new DicomDataset().Add(DicomTag.FrameOfReferenceUID, frame).Add(DicomTag.RTReferencedStudySequence, studyRef);
        var roiItems = new List<DicomDataset>();
        var contourItems = new List<DicomDataset>();
        var observationItems = new List<DicomDataset>();
        for (var i = 0; i < shapes.Count; i++)
        {
            var shape = shapes[i];
            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            roiItems.Add(new DicomDataset()
                .Add(DicomTag.ROINumber, number)
                .Add(DicomTag.ReferencedFrameOfReferenceUID, frame)
                .Add(DicomTag.ROIName, shape.Name)
                .Add(DicomTag.ROIGenerationAlgorithm, "MANUAL"));
            var contours = new List<DicomDataset>();
            for (var k = 0; k < grid.SliceCount; k++)
            {
                var z = grid.SliceZ(k);
                foreach (var polygon in shape.Contours(z))
                {
                    contours.Add(Contour(polygon, z, sops[k]));
                }
            }

            contourItems.Add(new DicomDataset()
                .Add(DicomTag.ROIDisplayColor, Decimals(shape.R, shape.G, shape.B))
                .Add(DicomTag.ContourSequence, contours.ToArray())
                .Add(DicomTag.ReferencedROINumber, number));
            observationItems.Add(new DicomDataset()
                .Add(DicomTag.ObservationNumber, number)
                .Add(DicomTag.ReferencedROINumber, number)
                .Add(DicomTag.RTROIInterpretedType, shape.InterpretedType)
                .Add(DicomTag.ROIInterpreter, ""));
        }

        return Patient(new DicomDataset(), study)
            .Add(DicomTag.SOPClassUID, RtStructureSetStorage)
            .Add(DicomTag.SOPInstanceUID, DicomUidGenerator.New())
            .Add(DicomTag.SeriesInstanceUID, DicomUidGenerator.New())
            .Add(DicomTag.Modality, "RTSTRUCT")
            .Add(DicomTag.SeriesNumber, "99")
            .Add(DicomTag.StructureSetLabel, "SYNTHETIC")
            .Add(DicomTag.StructureSetDate, "20261207")
            .Add(DicomTag.ReferencedFrameOfReferenceSequence, frameRef)
            .Add(DicomTag.StructureSetROISequence, roiItems.ToArray())
            .Add(DicomTag.ROIContourSequence, contourItems.ToArray())
            .Add(DicomTag.RTROIObservationsSequence, observationItems.ToArray());
    }

    /// <summary>A CLOSED_PLANAR contour item on the image <paramref name="sop"/> (polygon as x,y pairs at height z).</summary>
    public static DicomDataset Contour(double[] polygon, double z, string sop, string geometry = "CLOSED_PLANAR")
    {
        var points = new double[polygon.Length / 2 * 3];
        for (var p = 0; p < polygon.Length / 2; p++)
        {
            points[3 * p] = polygon[2 * p];
            points[3 * p + 1] = polygon[2 * p + 1];
            points[3 * p + 2] = z;
        }

        return new DicomDataset()
            .Add(DicomTag.ContourImageSequence, ImageReference(sop))
            .Add(DicomTag.ContourGeometricType, geometry)
            .Add(DicomTag.NumberOfContourPoints, (polygon.Length / 2).ToString(CultureInfo.InvariantCulture))
            .Add(DicomTag.ContourData, Decimals(points));
    }

    private static DicomDataset ImageReference(string sop) =>
        new DicomDataset().Add(DicomTag.ReferencedSOPClassUID, CtImageStorage).Add(DicomTag.ReferencedSOPInstanceUID, sop);

    private static DicomDataset Patient(DicomDataset dataset, string study) => dataset
        .Add(DicomTag.PatientName, "RT^PHANTOM")
        .Add(DicomTag.PatientID, "RT-PHANTOM")
        .Add(DicomTag.StudyInstanceUID, study)
        .Add(DicomTag.StudyDate, "20261207")
        .Add(DicomTag.StudyID, "1")
        .Add(DicomTag.AccessionNumber, "RT0001");

    private static string[] Decimals(params double[] values) =>
        values.Select(v => Math.Round(v, 4).ToString("0.####", CultureInfo.InvariantCulture)).ToArray();
}
