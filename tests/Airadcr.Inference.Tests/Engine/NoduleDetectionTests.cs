using System.Numerics;
using Airadcr.Inference.Engine.Findings;
using Airadcr.Inference.Tests.Phantoms;

namespace Airadcr.Inference.Tests.Engine;

public sealed class NoduleDetectionTests(ShippedEngine engine)
{
    [Fact]
    public async Task Every_planted_nodule_of_4_mm_or_more_is_found_with_centre_and_diameter_within_tolerance()
    {
        var volume = ChestCtPhantom.Build();

        var result = await engine.Host.Analyzer.AnalyzeAsync([volume], ["ct-nodule-candidates"], TestContext.Current.CancellationToken);

        NoduleExpectations.AssertFound(result.Findings);
    }

    [Fact]
    public async Task Findings_carry_the_coded_type_model_version_and_instance_of_their_centre()
    {
        var volume = ChestCtPhantom.Build();

        var result = await engine.Host.Analyzer.AnalyzeAsync([volume], null, TestContext.Current.CancellationToken);

        var finding = Assert.Single(result.Findings, f => Vector3.Distance(NoduleExpectations.Patient(f), ChestCtPhantom.Nodules[3].Centre) < 2);
        Assert.Equal(new CodedConcept("786838002", "SCT", "Pulmonary nodule"), finding.Type);
        Assert.Equal(("ct-nodule-candidates", "1.2.0"), (finding.ModelId, finding.ModelVersion));
        Assert.Equal(volume.Slices[30].SopInstanceUid, finding.Location.SopInstanceUid);
        Assert.InRange(finding.Confidence, 0.5, 1);
        Assert.InRange(finding.Size.VolumeMl!.Value, 0.8 * 0.905, 1.2 * 0.905);
        var run = Assert.Single(result.Runs);
        Assert.Equal((ChestCtPhantom.Depth, "CT"), (run.Planes, run.Modality));
    }

}
