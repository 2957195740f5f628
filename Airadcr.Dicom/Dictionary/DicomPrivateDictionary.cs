using System.Collections.Frozen;
using System.Globalization;

namespace Airadcr.Dicom.Dictionary;

/// <summary>The private (vendor) data dictionary, generated from dcmtk's private.dic by
/// eng/generate-private-dictionary.py: the VR that implicit VR data cannot carry for a private data element
/// (gggg,xxee), keyed by its group, the private creator reserving block xx, and the element. The lookup follows
/// dcmtk's: the fixed element number first, then the offset ee in the block, then the group ranges.</summary>
public static class DicomPrivateDictionary
{
    private static readonly Lazy<DicomPrivateDictionaryEntry[]> All = new(Load);
    private static readonly Lazy<FrozenDictionary<(uint GroupElement, string Creator), DicomPrivateDictionaryEntry>> SingleGroup =
        new(() => All.Value.Where(e => e.Group == e.UpperGroup)
            .ToFrozenDictionary(e => ((uint)e.Group << 16 | e.Element, e.Creator)));

    private static readonly Lazy<DicomPrivateDictionaryEntry[]> GroupRanges =
        new(() => All.Value.Where(e => e.Group != e.UpperGroup).ToArray());

    /// <summary>Every entry, sorted by creator, group and element.</summary>
    public static IReadOnlyList<DicomPrivateDictionaryEntry> Entries => All.Value;

    /// <summary>Looks up data element <paramref name="tag"/> (element 1000-FFFF of an odd group) of the block
    /// reserved by <paramref name="creator"/> (the creator element's value, without padding; compared exactly).</summary>
    public static bool TryLookup(DicomTag tag, string creator, out DicomDictionaryEntry entry)
    {
        if (!HasCreatorBlock(tag) || !TryFind(tag, creator, out var found))
        {
            entry = null!;
            return false;
        }

        entry = found.ToDictionaryEntry(tag);
        return true;
    }

    /// <summary>Looks up private data element <paramref name="tag"/> of <paramref name="dataset"/>, whose private
    /// creator element (gggg,00xx) in the same dataset names the block's owner.</summary>
    public static bool TryLookup(DicomDataset dataset, DicomTag tag, out DicomDictionaryEntry entry)
    {
        if (HasCreatorBlock(tag) && dataset.TryGetElement(tag.PrivateCreatorTag, out var creator))
        {
            return TryLookup(tag, creator.GetString(dataset.Charset), out entry);
        }

        entry = null!;
        return false;
    }

    /// <summary>Element 1000-FFFF of an odd group: a private group, or one of the illegal groups 0001-0007 that
    /// private.dic also has entries for (dcmtk reads those through the private dictionary too).</summary>
    private static bool HasCreatorBlock(DicomTag tag) => (tag.Group & 1) == 1 && tag.Group != 0xFFFF && tag.Element >= 0x1000;

    private static bool TryFind(DicomTag tag, string creator, out DicomPrivateDictionaryEntry entry)
    {
        var single = SingleGroup.Value;
        if (single.TryGetValue((tag.Value, creator), out entry!)
            || single.TryGetValue((tag.Value & 0xFFFF00FF, creator), out entry!))
        {
            return true;
        }

        foreach (var range in GroupRanges.Value)
        {
            if (range.MatchesGroup(tag.Group) && string.Equals(range.Creator, creator, StringComparison.Ordinal)
                && (range.Element == tag.Element || range.Element == (tag.Element & 0xFF)))
            {
                entry = range;
                return true;
            }
        }

        entry = null!;
        return false;
    }

    private static DicomPrivateDictionaryEntry[] Load()
    {
        var entries = new List<DicomPrivateDictionaryEntry>();
        var creator = "";
        foreach (var line in DicomPrivateDictionaryData.Entries.Split('\n'))
        {
            if (line.StartsWith('"'))
            {
                creator = line[1..];
                continue;
            }

            var f = line.Split('\t');
            var (group, upper, parity) = ParseGroup(f[0]);
            entries.Add(new DicomPrivateDictionaryEntry(
                creator, group, upper, parity, Hex(f[1]), ParseVR(f[2]), f[3], f[4]));
        }

        return [.. entries];
    }

    /// <summary>As the standard dictionary's codes, except "ox" (OB or OW): outside pixel data dcmtk writes such a
    /// private element as OB (dcmconv +te, dcm2json), so it is read as OB.</summary>
    private static DicomVR ParseVR(string code) => code == "ox" ? DicomVR.OB : DicomDictionary.ParseVR(code).Vr;

    /// <summary>"0019" or "6001-60FF-o" (o odd, e even, u any).</summary>
    private static (ushort Group, ushort Upper, int Parity) ParseGroup(string text) => text.Length == 4
        ? (Hex(text), Hex(text), 2)
        : (Hex(text[..4]), Hex(text[5..9]), text[10] switch { 'o' => 1, 'e' => 0, _ => 2 });

    private static ushort Hex(string text) => ushort.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
