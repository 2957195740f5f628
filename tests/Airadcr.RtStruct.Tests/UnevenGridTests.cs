using Airadcr.Testing;

namespace Airadcr.RtStruct.Tests;

/// <summary>Uneven slice spacing: detected, each slice weighs its own slab (half the gap to each neighbour).</summary>
public sealed class UnevenGridTests
{
    [Fact]
    public async Task Volumes_and_centroids_use_each_slices_own_slab()
    {
        using var directory = new FixtureDirectory("rtstruct-uneven");
        var grid = new SyntheticCtGrid(Columns: 24, Rows: 24, PixelSpacingMm: 1, X0: -12, Y0: -12) { SlicePositions = [0, 2, 4, 5, 6, 8, 10, 12] };
        // Slabs of the slices at 2, 4, 5, 6, 8 mm: [1, 3], [3, 4.5], [4.5, 5.5], [5.5, 7], [7, 9]; 10 x 10 voxels each.
        var study = SyntheticRtStudy.Write(directory.Combine("in"), grid, [new SyntheticBox("Box", -5.5, -5.5, 1, 4.5, 4.5, 9)]);
        var summary = await RtStructProcessor.ProcessAsync(study.StructureSetFile, study.ImageFiles, directory.Combine("out"), RtStructOptions.Default,
            TestContext.Current.CancellationToken);
        Assert.True(summary.Grid!.UnevenSpacing);
        var box = Assert.Single(summary.Rois);
        Assert.Equal(500, box.VoxelCount);
        Assert.Equal(0.8, box.VolumeCc!.Value, 9);
        Assert.Equal(5, box.CentroidMm![2], 9);
        Assert.Equal(5, box.SliceCount);
    }
}
