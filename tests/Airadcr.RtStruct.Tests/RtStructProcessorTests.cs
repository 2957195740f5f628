using System.Text.Json;
using Airadcr.Testing;

namespace Airadcr.RtStruct.Tests;

/// <summary>Masks, measures and meshes of shapes of known size, against their analytic values.</summary>
public sealed class RtStructProcessorTests(SyntheticPhantom phantom) : IClassFixture<SyntheticPhantom>
{
    [Fact]
    public void Every_roi_is_processed_without_error()
    {
        Assert.Null(phantom.Summary.Error);
        Assert.All(phantom.Summary.Rois, r => Assert.Null(r.Error));
        Assert.Equal(["Sphere", "Box", "Tube"], phantom.Summary.Rois.Select(r => r.Name));
    }

    [Fact]
    public void A_box_on_voxel_boundaries_has_its_exact_volume_voxel_count_and_slices()
    {
        var box = phantom.Roi("Box");
        Assert.Equal(20 * 30 * 20, box.VoxelCount);
        Assert.Equal(18.0, box.VolumeCc!.Value, 6);
        Assert.Equal(20, box.SliceCount);
        Assert.Equal([21, -40, -30, 40, -11, -1.5], box.BboxMm!.Select(v => Math.Round(v, 3)));
    }

    [Theory]
    [InlineData("Sphere", 0.02)]
    [InlineData("Box", 0.0001)]
    [InlineData("Tube", 0.02)]
    public void Mask_volumes_are_within_tolerance_of_the_analytic_volume(string name, double tolerance)
    {
        var shape = SyntheticPhantom.Shapes.Single(s => s.Name == name);
        Assert.InRange(phantom.Roi(name).VolumeCc!.Value, shape.VolumeMm3 / 1000 * (1 - tolerance), shape.VolumeMm3 / 1000 * (1 + tolerance));
    }

    [Theory]
    [InlineData("Sphere")]
    [InlineData("Box")]
    [InlineData("Tube")]
    public void Surface_areas_are_within_5_percent_of_the_analytic_surface(string name)
    {
        var shape = SyntheticPhantom.Shapes.Single(s => s.Name == name);
        Assert.InRange(phantom.Roi(name).SurfaceCm2!.Value, shape.SurfaceMm2 / 100 * 0.95, shape.SurfaceMm2 / 100 * 1.05);
    }

    [Theory]
    [InlineData("Sphere")]
    [InlineData("Box")]
    [InlineData("Tube")]
    public void The_mesh_encloses_the_mask_volume_within_3_percent(string name)
    {
        var roi = phantom.Roi(name);
        Assert.InRange(roi.MeshVolumeCc!.Value, roi.VolumeCc!.Value * 0.97, roi.VolumeCc.Value * 1.03);
    }

    [Theory]
    [InlineData("Sphere")]
    [InlineData("Box")]
    [InlineData("Tube")]
    public void Centroids_are_the_shape_centres(string name)
    {
        var (x, y, z) = SyntheticPhantom.Shapes.Single(s => s.Name == name).Centre;
        var centroid = phantom.Roi(name).CentroidMm!;
        // Within one voxel: the mask samples voxel centres and slabs.
        Assert.InRange(centroid[0], x - 0.5, x + 0.5);
        Assert.InRange(centroid[1], y - 0.5, y + 0.5);
        Assert.InRange(centroid[2], z - 0.75, z + 0.75);
    }

    [Fact]
    public void The_summary_is_written_in_snake_case_with_colours_types_and_files()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(phantom.Combine(RtStructSummary.FileName)));
        var box = json.RootElement.GetProperty("rois").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "Box");
        Assert.Equal([0, 255, 0], box.GetProperty("color").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal("ORGAN", box.GetProperty("interpreted_type").GetString());
        Assert.Equal(18.0, box.GetProperty("volume_cc").GetDouble(), 6);
        Assert.True(File.Exists(phantom.Combine(box.GetProperty("files").GetProperty("nifti").GetString()!)));
        Assert.True(File.Exists(phantom.Combine(box.GetProperty("files").GetProperty("stl").GetString()!)));
        Assert.Equal(JsonValueKind.Null, box.GetProperty("error").ValueKind);
        var grid = json.RootElement.GetProperty("grid");
        Assert.Equal(60, grid.GetProperty("slices").GetInt32());
        Assert.False(grid.GetProperty("uneven_spacing").GetBoolean());
    }
}
