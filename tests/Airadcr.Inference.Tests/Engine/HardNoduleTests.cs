using Airadcr.Inference.Tests.Phantoms;

namespace Airadcr.Inference.Tests.Engine;

/// <summary>
/// Juxtapleural and vessel-attached solid nodules, ground-glass and part-solid ones (<see cref="ThoraxPhantom"/>)
/// over pixel spacings 0.6-0.9 mm, slices 0.6-2.5 mm and noise 10-40 HU; and the same anatomy without nodules.
/// </summary>
public sealed class HardNoduleTests(ShippedEngine engine)
{
    /// <summary>Seed, pixel (mm), slice (mm), noise (HU), vessel-attached nodules (none at 2.5 mm: see the model's limits).</summary>
    public static TheoryData<int, float, float, float, int> Scans => new()
    {
        { 1, 0.6f, 0.6f, 10, 2 },
        { 2, 0.7f, 1.0f, 20, 2 },
        { 3, 0.8f, 1.25f, 30, 2 },
        { 4, 0.9f, 2.5f, 40, 0 },
        { 5, 0.65f, 1.5f, 25, 2 },
        { 6, 0.75f, 2.0f, 35, 2 },
        { 7, 0.85f, 0.8f, 15, 2 },
    };

    public static TheoryData<int, float, float, float> NormalScans => new()
    {
        { 101, 0.7f, 1.0f, 40 },
        { 102, 0.9f, 2.5f, 10 },
    };

    [Theory]
    [MemberData(nameof(Scans))]
    public async Task Juxtapleural_vessel_attached_ground_glass_and_part_solid_nodules_are_found_with_their_size_within_30_percent(
        int seed, float pixelMm, float sliceMm, float noiseHu, int vascular)
    {
        var phantom = ThoraxPhantom.Generate(new ThoraxScan(seed, pixelMm, sliceMm, noiseHu), pleural: 3, vascular, subsolid: 2);

        var result = await engine.Host.Analyzer.AnalyzeAsync([phantom.Build()], ["ct-nodule-candidates"], TestContext.Current.CancellationToken);

        var (matches, falsePositives) = ThoraxExpectations.Match(phantom, result.Findings);
        foreach (var (nodule, finding) in matches)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(ThoraxExpectations.Describe(nodule, finding));
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{falsePositives.Count} false positives: {string.Join("; ", falsePositives.Select(f => $"{f.Location.Patient} {f.Size.DiameterMm} mm"))}");
        Assert.Equal(5 + vascular, matches.Count);
        Assert.All(matches, m => Assert.True(m.Finding is not null && ThoraxExpectations.SizeWithin(m.Nodule, m.Finding), ThoraxExpectations.Describe(m.Nodule, m.Finding)));
        Assert.InRange(falsePositives.Count, 0, ThoraxExpectations.MaxFalsePositivesPerScan);
    }

    [Theory]
    [MemberData(nameof(NormalScans))]
    public async Task Normal_anatomy_with_its_vessels_and_chest_wall_gives_at_most_two_candidates(int seed, float pixelMm, float sliceMm, float noiseHu)
    {
        var phantom = ThoraxPhantom.Generate(new ThoraxScan(seed, pixelMm, sliceMm, noiseHu), pleural: 0, vascular: 0, subsolid: 0);

        var result = await engine.Host.Analyzer.AnalyzeAsync([phantom.Build()], ["ct-nodule-candidates"], TestContext.Current.CancellationToken);

        var (_, falsePositives) = ThoraxExpectations.Match(phantom, result.Findings);
        TestContext.Current.TestOutputHelper?.WriteLine($"{falsePositives.Count} false positives: {string.Join("; ", falsePositives.Select(f => $"{f.Location.Patient} {f.Size.DiameterMm} mm"))}");
        Assert.InRange(falsePositives.Count, 0, ThoraxExpectations.MaxFalsePositivesPerScan);
    }
}
