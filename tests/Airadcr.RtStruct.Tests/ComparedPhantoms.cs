using Airadcr.Testing;

namespace Airadcr.RtStruct.Tests;

/// <summary>
/// Spheres, boxes and a tube on two grids of different spacings, processed by us and measured by the independent
/// tools once for the whole test class: plastimatch's masks and dicompyler-core's volumes on the same files, nibabel
/// reading our NIfTI masks and plastimatch's, admesh checking our STL meshes.
/// </summary>
public sealed class ComparedPhantoms : IAsyncLifetime
{
    private readonly FixtureDirectory _directory = new("rtstruct-tools");

    public static IReadOnlyList<(SyntheticCtGrid Grid, IReadOnlyList<SyntheticRtShape> Shapes)> Cases { get; } =
    [
        (SyntheticPhantom.Grid, SyntheticPhantom.Shapes),
        (new SyntheticCtGrid(Columns: 112, Rows: 100, Slices: 36, PixelSpacingMm: 0.8, SliceSpacingMm: 2.5, X0: -44.6, Y0: -40.3, Z0: -43.8),
        [
            new SyntheticSphere("Sphere", 1.1, -2.3, 0.4, 22, 200, 100, 0),
            new SyntheticBox("Box", 12.37, -35.21, -30.1, 40.13, -3.77, 24.9, 10, 20, 30),
            new SyntheticTube("Tube", -22.6, 18.9, -20.2, 30.3, 14.3, 7.1),
        ]),
    ];

    public List<Compared> Results { get; } = [];

    public async ValueTask InitializeAsync()
    {
        var token = TestContext.Current.CancellationToken;
        for (var c = 0; c < Cases.Count; c++)
        {
            var (grid, shapes) = Cases[c];
            var study = SyntheticRtStudy.Write(_directory.Combine($"case{c}", "ct"), grid, shapes);
            var ours = _directory.Combine($"case{c}", "ours");
            var summary = await RtStructProcessor.ProcessAsync(study.StructureSetFile, study.ImageFiles, ours, RtStructOptions.Default, token);
            var plastimatch = await IndependentTools.PlastimatchMasksAsync(study.StructureSetFile, study.Directory, _directory.Combine($"case{c}", "plastimatch"), token);
            var dicompyler = await IndependentTools.DicompylerVolumesAsync(study.StructureSetFile, study.Directory, token);
            var ourMasks = summary.Rois.Select(r => Path.Combine(ours, r.Files.Nifti!)).ToList();
            var theirMasks = shapes.Select(s => Path.Combine(plastimatch, s.Name + ".nii.gz")).ToList();
            var nifti = await IndependentTools.NiftiMasksAsync(ourMasks.Concat(theirMasks), token);
            var stl = new Dictionary<int, StlCheck>();
            foreach (var roi in summary.Rois)
            {
                stl[roi.Number] = await IndependentTools.AdmeshAsync(Path.Combine(ours, roi.Files.Stl!), token);
            }

            for (var r = 0; r < shapes.Count; r++)
            {
                var roi = summary.Rois[r];
                Results.Add(new Compared(c, shapes[r], roi, nifti[ourMasks[r]], nifti[theirMasks[r]], dicompyler[roi.Number], stl[roi.Number]));
            }
        }
    }

    public Compared Get(int gridCase, string name) => Results.Single(r => r.Case == gridCase && r.Shape.Name == name);

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>One ROI of one grid: ours, and what each tool measured.</summary>
public sealed record Compared(int Case, SyntheticRtShape Shape, RtRoiSummary Ours, NiftiMask OurNifti, NiftiMask PlastimatchMask,
    double DicompylerVolumeCc, StlCheck Stl);
