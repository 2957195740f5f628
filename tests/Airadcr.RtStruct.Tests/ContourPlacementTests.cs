using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Testing;

namespace Airadcr.RtStruct.Tests;

/// <summary>Contour planes off the slice positions: each slice takes the plane nearest its centre within its slab,
/// ties going to the lower slice; of two planes in one slab, the nearer one is used.</summary>
public sealed class ContourPlacementTests
{
    private static readonly double[] Small = [-3.5, -3.5, 2.5, -3.5, 2.5, 2.5, -3.5, 2.5]; // 6 x 6 voxels
    private static readonly double[] Large = [-5.5, -5.5, 4.5, -5.5, 4.5, 4.5, -5.5, 4.5]; // 10 x 10 voxels

    [Fact]
    public async Task Planes_between_slices_go_to_the_nearest_slice_and_ties_to_the_lower_one()
    {
        using var directory = new FixtureDirectory("rtstruct-placement");
        var grid = new SyntheticCtGrid(Columns: 24, Rows: 24, Slices: 10, PixelSpacingMm: 1, SliceSpacingMm: 2, X0: -12, Y0: -12, Z0: 0);
        var study = SyntheticRtStudy.Write(directory.Combine("in"), grid, []);
        var set = SyntheticRtStudy.StructureSet(grid, [new SyntheticSphere("Between", 0, 0, 5, 1), new SyntheticSphere("Same slab", 0, 0, 5, 1)],
            study.StudyInstanceUid, study.SeriesInstanceUid, study.FrameOfReferenceUid, study.ImageSopInstanceUids);
        var sop = study.ImageSopInstanceUids[0];
        var contours = set.GetSequence(DicomTag.ROIContourSequence).Items;
        // ROI 1: a tie at z = 3 (between the slices at 2 and 4) and a plane at 6.4 (nearest 6).
        contours[0].Add(DicomTag.ContourSequence, SyntheticRtStudy.Contour(Small, 3, sop), SyntheticRtStudy.Contour(Small, 6.4, sop));
        // ROI 2: planes at 9.8 (small) and 10.3 (large) share the slab of the slice at 10: the nearer, 9.8, is used.
        contours[1].Add(DicomTag.ContourSequence, SyntheticRtStudy.Contour(Large, 10.3, sop), SyntheticRtStudy.Contour(Small, 9.8, sop));
        DicomFileWriter.Write(study.StructureSetFile, new DicomFile(set), DicomTransferSyntax.ExplicitVRLittleEndian);

        var summary = await RtStructProcessor.ProcessAsync(study.StructureSetFile, study.ImageFiles, directory.Combine("out"), RtStructOptions.Default,
            TestContext.Current.CancellationToken);

        var between = summary.Rois[0];
        Assert.Null(between.Error);
        Assert.Equal(2, between.SliceCount);
        Assert.Equal(72, between.VoxelCount);
        Assert.Equal(2, between.BboxMm![2]);
        Assert.Equal(6, between.BboxMm[5]);
        var sameSlab = summary.Rois[1];
        Assert.Null(sameSlab.Error);
        Assert.Equal(1, sameSlab.SliceCount);
        Assert.Equal(36, sameSlab.VoxelCount);
        Assert.Equal(10, sameSlab.BboxMm![2]);
    }
}
