using System.Globalization;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Testing;

namespace Airadcr.RtStruct.Tests;

/// <summary>Bad ROIs become errors in their own summary entries; the good ROI beside them is still measured.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private const int PointLimit = 10_000;
    private static readonly SyntheticCtGrid Grid = new(Columns: 48, Rows: 48, Slices: 20, PixelSpacingMm: 1, SliceSpacingMm: 2, X0: -24, Y0: -24, Z0: -20);
    private readonly FixtureDirectory _directory = new("rtstruct-bad");
    private RtStructSummary _summary = null!;
    private SyntheticRtStudy _study = null!;

    public async ValueTask InitializeAsync()
    {
        _study = SyntheticRtStudy.Write(_directory.Combine("in"), Grid, [new SyntheticSphere("Good", 0.2, 0.3, 0.1, 10)]);
        var dataset = SyntheticRtStudy.StructureSet(Grid, [new SyntheticSphere("Good", 0.2, 0.3, 0.1, 10)], _study.StudyInstanceUid,
            _study.SeriesInstanceUid, _study.FrameOfReferenceUid, _study.ImageSopInstanceUids);
        var sop = _study.ImageSopInstanceUids[10];
        var z = Grid.SliceZ(10);
        Add(dataset, 2, "Missing image", _study.FrameOfReferenceUid, [SyntheticRtStudy.Contour(Square(5), z, DicomUidGenerator.New())]);
        Add(dataset, 3, "Bow tie", _study.FrameOfReferenceUid, [SyntheticRtStudy.Contour([-5, -5, 5, 5, 5, -5, -5, 3], z, sop)]);
        Add(dataset, 4, "Two points", _study.FrameOfReferenceUid, [SyntheticRtStudy.Contour([-5, -5, 5, 5], z, sop)]);
        Add(dataset, 5, "Collinear", _study.FrameOfReferenceUid, [SyntheticRtStudy.Contour([-5, -5, 0, 0, 5, 5], z, sop)]);
        Add(dataset, 6, "Empty", _study.FrameOfReferenceUid, []);
        Add(dataset, 7, "Other frame", DicomUidGenerator.New(), [SyntheticRtStudy.Contour(Square(5), z, sop)]);
        Add(dataset, 8, "Enormous", _study.FrameOfReferenceUid, [SyntheticRtStudy.Contour(Circle(PointLimit + 1), z, sop)]);
        Add(dataset, 9, "Off grid", _study.FrameOfReferenceUid, [SyntheticRtStudy.Contour(Square(5), 500, sop)]);
        Add(dataset, 10, "Marker", _study.FrameOfReferenceUid, [SyntheticRtStudy.Contour([3, 4], z, sop, "POINT")]);
        Add(dataset, 11, "Not planar", _study.FrameOfReferenceUid, [NonPlanar(sop)]);
        DicomFileWriter.Write(_study.StructureSetFile, new DicomFile(dataset), DicomTransferSyntax.ExplicitVRLittleEndian);
        _summary = await RtStructProcessor.ProcessAsync(_study.StructureSetFile, _study.ImageFiles, _directory.Combine("out"),
            RtStructOptions.Default with { MaxPointsPerRoi = PointLimit }, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void The_good_roi_is_still_measured()
    {
        var good = Roi("Good");
        Assert.Null(good.Error);
        Assert.InRange(good.VolumeCc!.Value, 4.0 / 3 * Math.PI * 1000 / 1000 * 0.95, 4.0 / 3 * Math.PI * 1000 / 1000 * 1.05);
        Assert.Null(_summary.Error);
    }

    [Theory]
    [InlineData("Missing image", "references an image that is not in the series")]
    [InlineData("Bow tie", "intersects itself")]
    [InlineData("Two points", "is degenerate")]
    [InlineData("Collinear", "is degenerate (zero area)")]
    [InlineData("Empty", "empty ROI")]
    [InlineData("Other frame", "frame of reference matches no image series")]
    [InlineData("Enormous", $"more than 10000 contour points")]
    [InlineData("Off grid", "outside the image grid")]
    [InlineData("Not planar", "does not lie in an image plane")]
    public void A_bad_roi_is_an_error_of_its_own(string name, string error)
    {
        var roi = Roi(name);
        Assert.Contains(error, roi.Error, StringComparison.Ordinal);
        Assert.Null(roi.VolumeCc);
        Assert.Null(roi.Files.Nifti);
    }

    [Fact]
    public void Errors_name_no_uid()
    {
        Assert.All(_summary.Rois.Where(r => r.Error is not null), r => Assert.DoesNotMatch(@"\d+\.\d+\.\d+\.\d+", r.Error!));
    }

    [Fact]
    public void A_point_roi_has_its_point_as_centroid_and_no_volume()
    {
        var marker = Roi("Marker");
        Assert.Null(marker.Error);
        Assert.Equal(0, marker.VolumeCc);
        Assert.Equal([3, 4, Grid.SliceZ(10)], marker.CentroidMm!);
        Assert.Equal(1, marker.SliceCount);
    }

    [Fact]
    public async Task Images_of_another_series_give_a_structure_set_error_for_every_roi()
    {
        var other = SyntheticRtStudy.Write(_directory.Combine("other"), Grid, []);
        var summary = await RtStructProcessor.ProcessAsync(_study.StructureSetFile, other.ImageFiles, _directory.Combine("out-other"),
            RtStructOptions.Default, TestContext.Current.CancellationToken);
        Assert.Contains("matches the structure set's referenced series, images or frame of reference", summary.Error, StringComparison.Ordinal);
        Assert.All(summary.Rois, r => Assert.StartsWith("no image grid", r.Error, StringComparison.Ordinal));
        Assert.Null(summary.Grid);
        Assert.True(File.Exists(Path.Combine(_directory.Combine("out-other"), RtStructSummary.FileName)));
    }

    [Fact]
    public async Task A_file_that_is_not_a_structure_set_is_refused_with_a_clear_message()
    {
        var ex = await Assert.ThrowsAsync<RtStructException>(() => RtStructProcessor.ProcessAsync(_study.ImageFiles[0], _study.ImageFiles,
            _directory.Combine("out-ct"), RtStructOptions.Default, TestContext.Current.CancellationToken));
        Assert.Equal("not an RT Structure Set (modality 'CT')", ex.Message);
    }

    private RtRoiSummary Roi(string name) => _summary.Rois.Single(r => r.Name == name);

    private static void Add(DicomDataset set, int number, string name, string frame, DicomDataset[] contours)
    {
        var text = number.ToString(CultureInfo.InvariantCulture);
        set.GetSequence(DicomTag.StructureSetROISequence).Items.Add(new DicomDataset()
            .Add(DicomTag.ROINumber, text).Add(DicomTag.ReferencedFrameOfReferenceUID, frame).Add(DicomTag.ROIName, name));
        var contour = new DicomDataset().Add(DicomTag.ROIDisplayColor, "1", "2", "3").Add(DicomTag.ReferencedROINumber, text);
        if (contours.Length > 0)
        {
            contour.Add(DicomTag.ContourSequence, contours);
        }

        set.GetSequence(DicomTag.ROIContourSequence).Items.Add(contour);
    }

    private static double[] Square(double half) => [-half, -half, half, -half, half, half, -half, half];

    private static double[] Circle(int points) =>
        Enumerable.Range(0, points).SelectMany(i => new[] { 8 * Math.Cos(2 * Math.PI * i / points), 8 * Math.Sin(2 * Math.PI * i / points) }).ToArray();

    private static DicomDataset NonPlanar(string sop)
    {
        var contour = SyntheticRtStudy.Contour(Square(5), 0, sop);
        contour.Add(DicomTag.ContourData, "-5", "-5", "0", "5", "-5", "0", "5", "5", "1", "-5", "5", "0");
        return contour;
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
