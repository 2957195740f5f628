namespace Airadcr.Dicom.Dictionary;

/// <summary>Value multiplicity checks ("1", "1-3", "1-n", "2-2n", "3-3n").</summary>
public static class DicomMultiplicity
{
    public static bool Allows(string vm, int count)
    {
        if (count == 0)
        {
            return true;
        }

        var dash = vm.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return int.TryParse(vm, out var exact) && count == exact;
        }

        var min = int.Parse(vm.AsSpan(0, dash), System.Globalization.CultureInfo.InvariantCulture);
        var upper = vm.AsSpan(dash + 1);
        if (upper.EndsWith("n"))
        {
            var step = upper.Length == 1 ? 1 : int.Parse(upper[..^1], System.Globalization.CultureInfo.InvariantCulture);
            return count >= min && count % step == 0;
        }

        return count >= min && count <= int.Parse(upper, System.Globalization.CultureInfo.InvariantCulture);
    }
}
