using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Testing;

namespace Airadcr.RtStruct.Tests;

/// <summary>
/// pydicom's own RTSTRUCT test file (rtstruct.dcm: a 400 x 300 mm rectangle on three planes 10 mm apart, two POINT
/// isocentres; no preamble). Its CT is not in pydicom's corpus, so a CT grid is written here under the frame of
/// reference and series UIDs the file references (2 mm pixels, voxel centres off the rectangle's edges), and our
/// volume is compared with plastimatch's and dicompyler-core's on it.
/// </summary>
public sealed class PydicomStructureSetTests : IAsyncLifetime
{
    private const string FrameOfReference = "1.2.826.0.1.3680043.8.498.2010020400001.2";
    private const string Series = "1.2.826.0.1.3680043.8.498.2010020400001.2.1.1";
    private readonly FixtureDirectory _directory = new("rtstruct-pydicom");
    private string _ct = null!;
    private string _structureSet = null!;

    public ValueTask InitializeAsync()
    {
        _structureSet = PydicomCorpus.File("rtstruct.dcm");
        var grid = new SyntheticCtGrid(Columns: 210, Rows: 160, Slices: 5, PixelSpacingMm: 2, SliceSpacingMm: 10, X0: -209, Y0: -159, Z0: -210);
        var study = SyntheticRtStudy.Write(_directory.Combine("ct"), grid, []);
        File.Delete(study.StructureSetFile);
        foreach (var path in study.ImageFiles)
        {
            using (var file = DicomFile.Open(path))
            {
                file.Dataset.Add(DicomTag.FrameOfReferenceUID, FrameOfReference).Add(DicomTag.SeriesInstanceUID, Series);
                DicomFileWriter.Write(path + ".tmp", file, DicomTransferSyntax.ExplicitVRLittleEndian);
            }

            File.Move(path + ".tmp", path, overwrite: true);
        }

        _ct = study.Directory;
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void Load_reads_the_rois_and_contours_pydicom_reads()
    {
        var set = RtStructureSet.Load(_structureSet);
        Assert.Equal(["patient", "Isocenter 1", "Isocenter 2"], set.Rois.Select(r => r.Name));
        Assert.Equal([5, 6, 6], set.Rois[0].Contours.Select(c => c.PointCount));
        Assert.All(set.Rois[0].Contours, c => Assert.Equal(RtContourGeometry.ClosedPlanar, c.Geometry));
        Assert.Equal(RtContourGeometry.Point, Assert.Single(set.Rois[1].Contours).Geometry);
        Assert.Equal(FrameOfReference, set.FrameOfReferenceUid);
        Assert.Equal([Series], set.ReferencedSeriesInstanceUids);
        Assert.Equal([-200.0, 150, -200], set.Rois[0].Contours[0].Points[..3]);
    }

    [Fact]
    public async Task Without_its_ct_every_roi_says_there_is_no_grid()
    {
        var summary = await RtStructProcessor.ProcessAsync(_structureSet, [], _directory.Combine("no-ct"), RtStructOptions.Default,
            TestContext.Current.CancellationToken);
        Assert.Equal("no image with a usable geometry among the candidate files", summary.Error);
        Assert.Equal(3, summary.Rois.Count);
    }

    [Fact]
    public async Task On_a_ct_of_its_frame_of_reference_the_volume_is_within_2_percent_of_plastimatch_and_dicompyler_core()
    {
        var token = TestContext.Current.CancellationToken;
        var summary = await RtStructProcessor.ProcessAsync(_structureSet, Directory.GetFiles(_ct), _directory.Combine("ours"), RtStructOptions.Default, token);
        var patient = summary.Rois[0];
        Assert.Null(patient.Error);
        Assert.Equal(3600, patient.VolumeCc!.Value, 6); // 400 x 300 mm on 3 slabs of 10 mm
        var plastimatch = await IndependentTools.PlastimatchMasksAsync(_structureSet, _ct, _directory.Combine("plastimatch"), token);
        var theirs = (await IndependentTools.NiftiMasksAsync([Path.Combine(plastimatch, "patient.nii.gz")], token)).Values.Single();
        Assert.InRange(patient.VolumeCc.Value, theirs.VolumeMm3 / 1000 * 0.98, theirs.VolumeMm3 / 1000 * 1.02);
        var dicompyler = await IndependentTools.DicompylerVolumesAsync(_structureSet, _ct, token);
        Assert.InRange(patient.VolumeCc.Value, dicompyler[1] * 0.98, dicompyler[1] * 1.02);
        Assert.Equal([0.0, 0, 0], summary.Rois[1].CentroidMm!);
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
