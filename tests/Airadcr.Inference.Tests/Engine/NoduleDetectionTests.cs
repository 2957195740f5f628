using System.Numerics;
using Airadcr.Inference.Engine.Findings;
using Airadcr.Inference.Tests.Phantoms;

namespace Airadcr.Inference.Tests.Engine;

public sealed class NoduleDetectionTests(ShippedEngine engine)
{
    private const int MaxFalsePositivesPerStudy = 1;

    [Fact]
    public async Task Every_planted_nodule_of_4_mm_or_more_is_found_with_centre_and_diameter_within_tolerance()
    {
        var volume = ChestCtPhantom.Build();

        var result = await engine.Host.Analyzer.AnalyzeAsync([volume], ["ct-nodule-candidates"], TestContext.Current.CancellationToken);

        var unmatched = result.Findings.ToList();
        foreach (var nodule in ChestCtPhantom.Nodules)
        {
            var finding = unmatched.MinBy(f => Vector3.Distance(Patient(f), nodule.Centre));
            Assert.True(finding is not null, $"nodule {nodule} not found");
            var error = VoxelError(finding, nodule);
            Assert.True(error < 2, $"nodule {nodule}: centre error {error:F2} px (finding at {finding.Location})");
            var diameterError = Math.Abs(finding.Size.DiameterMm!.Value - nodule.DiameterMm) / nodule.DiameterMm;
            Assert.True(diameterError < 0.2, $"nodule {nodule}: diameter {finding.Size.DiameterMm} mm ({diameterError:P0} off)");
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{nodule}: centre error {error:F2} px, diameter {finding.Size.DiameterMm} mm, confidence {finding.Confidence}");
            unmatched.Remove(finding);
        }

        Assert.True(unmatched.Count <= MaxFalsePositivesPerStudy,
            $"{unmatched.Count} false positives: {string.Join("; ", unmatched.Select(f => f.Location.Patient))}");
    }

    [Fact]
    public async Task Findings_carry_the_coded_type_model_version_and_instance_of_their_centre()
    {
        var volume = ChestCtPhantom.Build();

        var result = await engine.Host.Analyzer.AnalyzeAsync([volume], null, TestContext.Current.CancellationToken);

        var finding = Assert.Single(result.Findings, f => Vector3.Distance(Patient(f), ChestCtPhantom.Nodules[3].Centre) < 2);
        Assert.Equal(new CodedConcept("786838002", "SCT", "Pulmonary nodule"), finding.Type);
        Assert.Equal(("ct-nodule-candidates", "1.0.0"), (finding.ModelId, finding.ModelVersion));
        Assert.Equal(volume.Slices[30].SopInstanceUid, finding.Location.SopInstanceUid);
        Assert.InRange(finding.Confidence, 0.5, 1);
        Assert.InRange(finding.Size.VolumeMl!.Value, 0.8 * 0.905, 1.2 * 0.905);
        var run = Assert.Single(result.Runs);
        Assert.Equal((ChestCtPhantom.Depth, "CT"), (run.Planes, run.Modality));
    }

    private static Vector3 Patient(Finding f) => new((float)f.Location.Patient.X, (float)f.Location.Patient.Y, (float)f.Location.Patient.Z);

    private static double VoxelError(Finding f, PlantedNodule nodule)
    {
        var expected = SyntheticVolume.Position(0, 0, 0, ChestCtPhantom.Size, ChestCtPhantom.PixelMm, ChestCtPhantom.SliceMm);
        var x = (nodule.Centre.X - expected.X) / ChestCtPhantom.PixelMm;
        var y = (nodule.Centre.Y - expected.Y) / ChestCtPhantom.PixelMm;
        var z = (nodule.Centre.Z - expected.Z) / ChestCtPhantom.SliceMm;
        var plane = (f.Location.Patient.Z - expected.Z) / ChestCtPhantom.SliceMm;
        return Math.Sqrt(Math.Pow(f.Location.Pixel.X - x, 2) + Math.Pow(f.Location.Pixel.Y - y, 2) + Math.Pow(plane - z, 2));
    }
}
