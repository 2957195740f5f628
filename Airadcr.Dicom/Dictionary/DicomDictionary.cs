using System.Collections.Frozen;
using System.Globalization;

namespace Airadcr.Dicom.Dictionary;

/// <summary>The standard data dictionary (generated from dcmtk's dicom.dic by eng/generate-dicom-dictionary.py),
/// with repeating groups (50xx, 60xx, 7Fxx), element ranges, group lengths and private creator elements.</summary>
public static class DicomDictionary
{
    private sealed record RangeEntry(
        ushort GroupLo, ushort GroupHi, int GroupParity, ushort ElementLo, ushort ElementHi, int ElementParity,
        DicomDictionaryEntry Entry)
    {
        public bool Matches(DicomTag tag) =>
            tag.Group >= GroupLo && tag.Group <= GroupHi && Parity(tag.Group, GroupParity)
            && tag.Element >= ElementLo && tag.Element <= ElementHi && Parity(tag.Element, ElementParity);

        private static bool Parity(ushort v, int parity) => parity == 2 || (v & 1) == parity;
    }

    private static readonly Lazy<(uint[] Tags, DicomDictionaryEntry[] Entries)> ExactTable = new(LoadExact);
    private static readonly Lazy<RangeEntry[]> RangeTable = new(LoadRanges);
    private static readonly Lazy<FrozenDictionary<string, DicomDictionaryEntry>> ByKeyword = new(() =>
        ExactTable.Value.Entries.Where(e => e.Keyword.Length > 0)
            .GroupBy(e => e.Keyword, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));

    /// <summary>The exact (non-repeating) entries in tag order.</summary>
    public static IReadOnlyList<DicomDictionaryEntry> Entries => ExactTable.Value.Entries;

    /// <summary>Number of exact (non-repeating) entries.</summary>
    public static int Count => ExactTable.Value.Tags.Length;

    /// <summary>Looks up a tag; unknown tags give <see cref="DicomDictionaryEntry.Unknown"/>.</summary>
    public static DicomDictionaryEntry Lookup(DicomTag tag) => TryLookup(tag, out var e) ? e : DicomDictionaryEntry.Unknown(tag);

    public static bool TryLookup(DicomTag tag, out DicomDictionaryEntry entry)
    {
        var (tags, entries) = ExactTable.Value;
        var i = Array.BinarySearch(tags, tag.Value);
        if (i >= 0)
        {
            entry = entries[i];
            return true;
        }

        if (tag.IsPrivate)
        {
            return TryPrivate(tag, out entry);
        }

        if (tag.IsGroupLength)
        {
            entry = new DicomDictionaryEntry(tag, DicomVR.UL, DicomVR.None, "1", "GroupLength", "Group Length", false);
            return true;
        }

        foreach (var range in RangeTable.Value)
        {
            if (range.Matches(tag))
            {
                entry = range.Entry with { Tag = tag };
                return true;
            }
        }

        entry = null!;
        return false;
    }

    /// <summary>Looks up a keyword such as "PatientName".</summary>
    public static bool TryLookup(string keyword, out DicomDictionaryEntry entry) =>
        ByKeyword.Value.TryGetValue(keyword, out entry!);

    private static bool TryPrivate(DicomTag tag, out DicomDictionaryEntry entry)
    {
        if (tag.IsGroupLength)
        {
            entry = new DicomDictionaryEntry(tag, DicomVR.UL, DicomVR.None, "1", "PrivateGroupLength", "Private Group Length", false);
            return true;
        }

        if (tag.IsPrivateCreator)
        {
            entry = new DicomDictionaryEntry(tag, DicomVR.LO, DicomVR.None, "1", "PrivateCreator", "Private Creator", false);
            return true;
        }

        entry = null!;
        return false;
    }

    internal static (DicomVR Vr, DicomVR Alternate) ParseVR(string code) => code switch
    {
        "xs" => (DicomVR.US, DicomVR.SS),
        "ox" => (DicomVR.OW, DicomVR.OB),
        "px" => (DicomVR.OW, DicomVR.OB),
        "lt" => (DicomVR.OW, DicomVR.US),
        "up" => (DicomVR.UL, DicomVR.None),
        "na" => (DicomVR.None, DicomVR.None),
        _ => (DicomVRInfo.Parse(code), DicomVR.None),
    };

    private static DicomDictionaryEntry Entry(DicomTag tag, ReadOnlySpan<string> f)
    {
        var (vr, alt) = ParseVR(f[0]);
        return new DicomDictionaryEntry(tag, vr, alt, f[1], f[2], f[3], f[4] == "R");
    }

    private static (uint[], DicomDictionaryEntry[]) LoadExact()
    {
        var lines = DicomDictionaryData.Exact.Split('\n');
        var tags = new uint[lines.Length];
        var entries = new DicomDictionaryEntry[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var f = lines[i].Split('\t');
            tags[i] = uint.Parse(f[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            entries[i] = Entry(new DicomTag(tags[i]), f.AsSpan(1));
        }

        return (tags, entries);
    }

    private static RangeEntry[] LoadRanges() => DicomDictionaryData.Ranges.Split('\n').Select(line =>
    {
        var f = line.Split('\t');
        ushort Hex(int i) => ushort.Parse(f[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        int Par(int i) => f[i][0] - '0';
        var lo = new DicomTag(Hex(0), Hex(3));
        return new RangeEntry(Hex(0), Hex(1), Par(2), Hex(3), Hex(4), Par(5), Entry(lo, f.AsSpan(6)));
    }).ToArray();
}
