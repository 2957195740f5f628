using Airadcr.Inference.Tests.Phantoms;

namespace Airadcr.Inference.Tests.Engine;

/// <summary>
/// Juxtapleural and vessel-attached solid nodules, ground-glass and part-solid ones (<see cref="ThoraxPhantom"/>)
/// over pixel spacings 0.6-0.9 mm, slices 0.6-2.5 mm and noise 10-40 HU; and the same anatomy without nodules.
/// </summary>
public sealed class HardNoduleTests(ShippedEngine engine)
{
    public static TheoryData<int, float, float, float> Scans => new()
    {
        { 1, 0.6f, 0.6f, 10 },
        { 2, 0.7f, 1.0f, 20 },
        { 3, 0.8f, 1.25f, 30 },
        { 4, 0.9f, 2.5f, 40 },
        { 5, 0.65f, 1.5f, 25 },
        { 6, 0.75f, 2.0f, 35 },
        { 7, 0.85f, 0.8f, 15 },
    };

    public static TheoryData<int, float, float, float> NormalScans => new()
    {
        { 101, 0.7f, 1.0f, 40 },
        { 102, 0.9f, 2.5f, 10 },
    };

    [Theory]
    [MemberData(nameof(Scans))]
    public async Task Juxtapleural_vessel_attached_ground_glass_and_part_solid_nodules_are_found_with_their_size_within_30_percent(
        int seed, float pixelMm, float sliceMm, float noiseHu)
    {
        var phantom = ThoraxPhantom.Generate(new ThoraxScan(seed, pixelMm, sliceMm, noiseHu), pleural: 3, vascular: 2, subsolid: 2);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var volume = phantom.Build();
        var built = clock.Elapsed;
        var result = await engine.Host.Analyzer.AnalyzeAsync([volume], ["ct-nodule-candidates"], TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine($"TIMING build {built.TotalSeconds:F1} s, analysis {(clock.Elapsed - built).TotalSeconds:F1} s");

        var (matches, falsePositives) = ThoraxExpectations.Match(phantom, result.Findings);
        foreach (var (nodule, finding) in matches)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(ThoraxExpectations.Describe(nodule, finding));
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{falsePositives.Count} false positives: {string.Join("; ", falsePositives.Select(f => $"{f.Location.Patient} {f.Size.DiameterMm} mm"))}");
        Assert.Equal(7, matches.Count);
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
