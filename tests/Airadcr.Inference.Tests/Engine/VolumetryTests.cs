using Airadcr.Inference.Tests.Phantoms;

namespace Airadcr.Inference.Tests.Engine;

public sealed class VolumetryTests(ShippedEngine engine)
{
    [Fact]
    public async Task Brain_volume_of_a_known_ellipsoid_is_measured_within_5_percent()
    {
        var volume = BrainMrPhantom.Build();

        var result = await engine.Host.Analyzer.AnalyzeAsync([volume], null, TestContext.Current.CancellationToken);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("mr-brain-volumetry", "12738006"), (finding.ModelId, finding.Type.Code));
        var error = Math.Abs(finding.Size.VolumeMl!.Value - BrainMrPhantom.BrainVolumeMl) / BrainMrPhantom.BrainVolumeMl;
        TestContext.Current.TestOutputHelper?.WriteLine($"measured {finding.Size.VolumeMl} mL, true {BrainMrPhantom.BrainVolumeMl:F1} mL");
        Assert.True(error < 0.05, $"measured {finding.Size.VolumeMl} mL, true {BrainMrPhantom.BrainVolumeMl:F1} mL ({error:P1} off)");
        Assert.InRange(finding.Location.Patient.Z, 48, 52);
    }
}
