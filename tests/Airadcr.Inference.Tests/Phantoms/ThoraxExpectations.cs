using System.Numerics;
using Airadcr.Inference.Engine.Findings;

namespace Airadcr.Inference.Tests.Phantoms;

/// <summary>
/// The acceptance criteria for <see cref="ThoraxPhantom"/>: each planted nodule matched by a finding whose centre lies
/// within its radius + 1.5 mm and whose equivalent-sphere diameter is within 30% of the planted one; at most
/// <see cref="MaxFalsePositivesPerScan"/> other findings per scan.
/// </summary>
public static class ThoraxExpectations
{
    public const int MaxFalsePositivesPerScan = 2;
    public const double SizeTolerance = 0.3;

    /// <summary>Per planted nodule the matching finding (null when none), and the findings matching none.</summary>
    public static (IReadOnlyList<(ThoraxNodule Nodule, Finding? Finding)> Matches, IReadOnlyList<Finding> FalsePositives) Match(
        ThoraxPhantom phantom, IReadOnlyList<Finding> findings)
    {
        var unmatched = findings.Where(f => f.ModelId == "ct-nodule-candidates").ToList();
        var matches = new List<(ThoraxNodule, Finding?)>();
        foreach (var nodule in phantom.Nodules)
        {
            var finding = unmatched.Where(f => Vector3.Distance(NoduleExpectations.Patient(f), nodule.Centre) <= (nodule.DiameterMm / 2) + 1.5f)
                .MinBy(f => Vector3.Distance(NoduleExpectations.Patient(f), nodule.Centre));
            if (finding is not null)
            {
                unmatched.Remove(finding);
            }

            matches.Add((nodule, finding));
        }

        return (matches, unmatched);
    }

    public static bool SizeWithin(ThoraxNodule nodule, Finding finding) =>
        Math.Abs(finding.Size.DiameterMm!.Value - nodule.DiameterMm) / nodule.DiameterMm <= SizeTolerance;

    public static string Describe(ThoraxNodule nodule, Finding? finding) => finding is null
        ? $"{nodule}: not found"
        : $"{nodule}: diameter {finding.Size.DiameterMm} mm ({(finding.Size.DiameterMm!.Value - nodule.DiameterMm) / nodule.DiameterMm:+0%;-0%}), centre {Vector3.Distance(NoduleExpectations.Patient(finding), nodule.Centre):F1} mm off";
}
