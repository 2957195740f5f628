using Airadcr.Fuzzing.Targets;

namespace Airadcr.Fuzzing;

/// <summary>Every target, by the name that eng/fuzz.sh and the corpus folders use.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
        [new Part10Target(), new DeflateTarget(), new PixelDataTarget(), new PduTarget(), new JsonBodyTarget()];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
