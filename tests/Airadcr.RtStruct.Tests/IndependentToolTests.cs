namespace Airadcr.RtStruct.Tests;

/// <summary>Issue 23's proofs: our volumes, NIfTI masks and STL meshes against tools we did not write.</summary>
public sealed class IndependentToolTests(ComparedPhantoms phantoms) : IClassFixture<ComparedPhantoms>
{
    public static TheoryData<int, string> Rois { get; } = new()
    {
        { 0, "Sphere" }, { 0, "Box" }, { 0, "Tube" },
        { 1, "Sphere" }, { 1, "Box" }, { 1, "Tube" },
    };

    [Theory]
    [MemberData(nameof(Rois))]
    public void Volumes_are_within_2_percent_of_plastimatch(int grid, string name)
    {
        var roi = phantoms.Get(grid, name);
        var theirs = roi.PlastimatchMask.VolumeMm3 / 1000;
        Assert.InRange(roi.Ours.VolumeCc!.Value, theirs * 0.98, theirs * 1.02);
    }

    [Theory]
    [MemberData(nameof(Rois))]
    public void Volumes_are_within_2_percent_of_dicompyler_core(int grid, string name)
    {
        var roi = phantoms.Get(grid, name);
        Assert.InRange(roi.Ours.VolumeCc!.Value, roi.DicompylerVolumeCc * 0.98, roi.DicompylerVolumeCc * 1.02);
    }

    [Theory]
    [MemberData(nameof(Rois))]
    public void Nibabel_reads_our_mask_with_the_same_voxel_count_grid_and_centroid(int grid, string name)
    {
        var roi = phantoms.Get(grid, name);
        var (ctGrid, _) = ComparedPhantoms.Cases[grid];
        Assert.Equal(roi.Ours.VoxelCount, roi.OurNifti.Voxels);
        Assert.Equal($"{ctGrid.Columns}x{ctGrid.Rows}x{ctGrid.Slices}", roi.OurNifti.Dimensions);
        // RAS -> LPS: x and y change sign; the affine maps the voxel centroid to the summary's patient point.
        var lps = new[] { -roi.OurNifti.CentroidRas[0], -roi.OurNifti.CentroidRas[1], roi.OurNifti.CentroidRas[2] };
        for (var axis = 0; axis < 3; axis++)
        {
            Assert.Equal(roi.Ours.CentroidMm![axis], lps[axis], 3);
        }
    }

    [Theory]
    [MemberData(nameof(Rois))]
    public void Our_mask_and_plastimatchs_share_their_grid_and_centroid(int grid, string name)
    {
        var roi = phantoms.Get(grid, name);
        Assert.Equal(roi.PlastimatchMask.Dimensions, roi.OurNifti.Dimensions);
        for (var axis = 0; axis < 3; axis++)
        {
            Assert.Equal(roi.PlastimatchMask.CentroidRas[axis], roi.OurNifti.CentroidRas[axis], 0.5);
        }
    }

    [Theory]
    [MemberData(nameof(Rois))]
    public void Admesh_finds_our_meshes_closed_and_consistently_oriented(int grid, string name)
    {
        var stl = phantoms.Get(grid, name).Stl;
        Assert.Equal(0, stl.DisconnectedFacets);
        Assert.Equal(0, stl.FacetsReversed);
        Assert.Equal(0, stl.BackwardsEdges);
        Assert.Equal(0, stl.DegenerateFacets);
        Assert.Equal(1, stl.Parts);
    }

    [Theory]
    [MemberData(nameof(Rois))]
    public void The_volume_admesh_measures_in_our_mesh_is_within_3_percent_of_the_mask_volume(int grid, string name)
    {
        var roi = phantoms.Get(grid, name);
        Assert.InRange(roi.Stl.VolumeMm3 / 1000, roi.Ours.VolumeCc!.Value * 0.97, roi.Ours.VolumeCc.Value * 1.03);
    }

    [Theory]
    [MemberData(nameof(Rois))]
    public void Surface_areas_are_within_5_percent_of_the_analytic_surface(int grid, string name)
    {
        var roi = phantoms.Get(grid, name);
        Assert.InRange(roi.Ours.SurfaceCm2!.Value, roi.Shape.SurfaceMm2 / 100 * 0.95, roi.Shape.SurfaceMm2 / 100 * 1.05);
    }
}
