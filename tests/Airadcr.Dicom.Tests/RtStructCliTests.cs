using Airadcr.Dicom.Cli;
using Airadcr.Testing;

namespace Airadcr.Dicom.Tests;

/// <summary>`airadcr-dicom rtstruct IN_DIR --out OUT`: exit codes and what it prints (the measures themselves are
/// Airadcr.RtStruct.Tests' business).</summary>
public sealed class RtStructCliTests : IDisposable
{
    private static readonly SyntheticCtGrid Grid = new(Columns: 32, Rows: 32, Slices: 12, PixelSpacingMm: 1, SliceSpacingMm: 2, X0: -16, Y0: -16, Z0: -12);
    private readonly string _dir = Directory.CreateTempSubdirectory("airadcr-dicom-rtstruct-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_clean_structure_set_exits_0_and_lists_each_roi_with_its_volume()
    {
        var study = SyntheticRtStudy.Write(Path.Combine(_dir, "in"), Grid, [new SyntheticBox("Box", -5.5, -5.5, -5, 4.5, 4.5, 5)]);
        var (code, stdout, stderr) = CliTests.Run("rtstruct", study.Directory, "--out", Path.Combine(_dir, "out"));
        Assert.True(code == CliApp.Ok, stderr);
        Assert.Contains("Box", stdout, StringComparison.Ordinal);
        Assert.Contains("1.000 cc", stdout, StringComparison.Ordinal); // 10 x 10 voxels on 5 slabs of 2 mm
        Assert.True(File.Exists(Path.Combine(_dir, "out", "summary.json")));
    }

    [Fact]
    public void A_structure_set_without_its_images_exits_1_with_the_reason()
    {
        var study = SyntheticRtStudy.Write(Path.Combine(_dir, "in"), Grid, [new SyntheticBox("Box", -5.5, -5.5, -5, 4.5, 4.5, 5)]);
        foreach (var image in study.ImageFiles)
        {
            File.Delete(image);
        }

        var (code, stdout, stderr) = CliTests.Run("rtstruct", study.Directory, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(CliApp.InvalidInput, code);
        Assert.Contains("no image with a usable geometry", stderr, StringComparison.Ordinal);
        Assert.Contains("error: no image grid", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_without_a_structure_set_exits_1_and_a_missing_one_is_a_usage_error()
    {
        Assert.Equal(CliApp.InvalidInput, CliTests.Run("rtstruct", _dir, "--out", Path.Combine(_dir, "out")).Code);
        Assert.Equal(CliApp.Usage, CliTests.Run("rtstruct", Path.Combine(_dir, "absent"), "--out", Path.Combine(_dir, "out")).Code);
        Assert.Equal(CliApp.Usage, CliTests.Run("rtstruct", _dir).Code);
    }
}
