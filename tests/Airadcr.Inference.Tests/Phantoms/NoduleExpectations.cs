using System.Numerics;
using Airadcr.Inference.Engine.Findings;

namespace Airadcr.Inference.Tests.Phantoms;

/// <summary>The acceptance criteria for <see cref="ChestCtPhantom"/>: every planted nodule found, centre error under
/// 2 pixels, diameter error under 20%, at most one false positive per study.</summary>
public static class NoduleExpectations
{
    public const int MaxFalsePositivesPerStudy = 1;

    public static void AssertFound(IReadOnlyList<Finding> findings)
    {
        var unmatched = findings.Where(f => f.ModelId == "ct-nodule-candidates").ToList();
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

    public static Vector3 Patient(Finding f) => new((float)f.Location.Patient.X, (float)f.Location.Patient.Y, (float)f.Location.Patient.Z);

    /// <summary>Distance from the planted centre in voxels (column, row, plane).</summary>
    private static double VoxelError(Finding f, PlantedNodule nodule)
    {
        var origin = SyntheticVolume.Position(0, 0, 0, ChestCtPhantom.Size, ChestCtPhantom.PixelMm, ChestCtPhantom.SliceMm);
        var x = (nodule.Centre.X - origin.X) / ChestCtPhantom.PixelMm;
        var y = (nodule.Centre.Y - origin.Y) / ChestCtPhantom.PixelMm;
        var z = (nodule.Centre.Z - origin.Z) / ChestCtPhantom.SliceMm;
        var plane = (f.Location.Patient.Z - origin.Z) / ChestCtPhantom.SliceMm;
        return Math.Sqrt(Math.Pow(f.Location.Pixel.X - x, 2) + Math.Pow(f.Location.Pixel.Y - y, 2) + Math.Pow(plane - z, 2));
    }
}
