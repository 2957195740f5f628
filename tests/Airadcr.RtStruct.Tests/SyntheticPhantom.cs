using Airadcr.Testing;

namespace Airadcr.RtStruct.Tests;

/// <summary>One synthetic CT + RTSTRUCT (a sphere, a box on voxel boundaries, a tube with a hole) processed once
/// and shared by a test class; files in a temporary directory deleted afterwards.</summary>
public sealed class SyntheticPhantom : IAsyncLifetime
{
    private readonly FixtureDirectory _directory = new("rtstruct");

    /// <summary>96 x 96 pixels of 1 mm, 60 slices every 1.5 mm, voxel centres on whole millimetres in x and y.</summary>
    public static SyntheticCtGrid Grid { get; } = new(Columns: 96, Rows: 96, Slices: 60, PixelSpacingMm: 1, SliceSpacingMm: 1.5, X0: -48, Y0: -48, Z0: -45);

    public static IReadOnlyList<SyntheticRtShape> Shapes { get; } =
    [
        new SyntheticSphere("Sphere", 0.3, -0.2, 0.1, 20),
        // Faces half a voxel from the centres: 20 x 30 voxels on 20 slices, 18 cc exactly.
        new SyntheticBox("Box", 20.5, -40.5, -30.75, 40.5, -10.5, -0.75),
        new SyntheticTube("Tube", -25.3, 25.4, -30.75, 20.25, 12, 6),
    ];

    public SyntheticRtStudy Study { get; private set; } = null!;

    public RtStructSummary Summary { get; private set; } = null!;

    public string Output => _directory.Combine("out");

    public string Combine(string name) => Path.Combine(Output, name);

    public async ValueTask InitializeAsync()
    {
        Study = SyntheticRtStudy.Write(_directory.Combine("in"), Grid, Shapes);
        Summary = await RtStructProcessor.ProcessAsync(Study.StructureSetFile, Study.ImageFiles, Output, RtStructOptions.Default, CancellationToken.None);
    }

    public RtRoiSummary Roi(string name) => Summary.Rois.Single(r => r.Name == name);

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
