using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.DeidBench;

/// <summary>The fairness check: the pydicom script must do the work ours does. Every output file of both is read
/// back and their top-level attributes compared (which are present, and their values; pixel data by bytes).</summary>
internal static class OutputComparison
{
    public static IEnumerable<string> OursAgainstPydicom(string ours, string pydicom, string syntax)
    {
        var differences = new SortedSet<string>(StringComparer.Ordinal);
        var files = Directory.GetFiles(ours).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            using var a = DicomFile.Open(file);
            using var b = DicomFile.Open(Path.Combine(pydicom, Path.GetFileName(file)));
            foreach (var tag in a.Dataset.Select(i => i.Tag).Union(b.Dataset.Select(i => i.Tag)))
            {
                if (Describe(a.Dataset, tag) is var x && Describe(b.Dataset, tag) is var y && x != y)
                {
                    differences.Add($"{tag}: ours {x}, pydicom {y}");
                }
            }
        }

        yield return differences.Count == 0
            ? $"{syntax}: ours and pydicom wrote the same top-level attributes with the same values in all {files.Count} files (same keyed UIDs and pseudonyms, pixel data identical)"
            : $"{syntax}: ours and pydicom differ in {differences.Count} attribute(s): {string.Join("; ", differences.Take(12))}";
    }

    private static string Describe(DicomDataset dataset, DicomTag tag) => dataset[tag] switch
    {
        null => "absent",
        DicomSequence s => $"{s.Items.Count} item(s)",
        DicomElement e when e.VR.IsString() => $"'{e.GetString(dataset.Charset).TrimEnd(' ', '\0')}'",
        DicomElement e => Hash(e.Data.ToArray()),
        DicomFragmentSequence f => "fragments " + Hash([.. f.Fragments.SelectMany(fragment => fragment.ToArray())]),
        var other => other.GetType().Name,
    };

    private static string Hash(byte[] bytes) => "sha256:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..12];
}
