using Airadcr.Dicom.Dictionary;

namespace Airadcr.Dicom.Tests;

/// <summary>A dataset holding an element for every entry of the private dictionary: one item of a sequence per
/// creator and group (per end of a group range), so that each item holds the creator's blocks and nothing else.
/// Offset entries (ee) sit in a block without fixed entries (xxee), fixed entries in their own block; each item also
/// holds one offset the dictionary does not know. SQ entries hold one item, the others 8 bytes of digits.</summary>
internal static class PrivateDictionaryCoverage
{
    private static readonly DicomTag Container = new(0x00081115);

    public static DicomDataset Build()
    {
        var items = DicomPrivateDictionary.Entries
            .SelectMany(e => (e.Group == e.UpperGroup ? [e.Group] : new[] { e.Group, e.UpperGroup }).Select(g => (Group: g, Entry: e)))
            .GroupBy(p => (p.Group, p.Entry.Creator))
            .Select(g => Item(g.Key.Group, g.Key.Creator, [.. g.Select(p => p.Entry)]));
        var dataset = new DicomDataset();
        dataset.Add(DicomTag.SOPClassUID, DicomUids.SecondaryCaptureImageStorage);
        dataset.Add(DicomTag.SOPInstanceUID, "1.2.826.0.1.3680043.2.1143.19.9");
        dataset.Add(Container, [.. items]);
        return dataset;
    }

    private static DicomDataset Item(ushort group, string creator, IReadOnlyList<DicomPrivateDictionaryEntry> entries)
    {
        var item = new DicomDataset();
        var fixedBlocks = entries.Where(e => e.Element > 0xFF).Select(e => e.Element >> 8).ToHashSet();
        var offsetBlock = Enumerable.Range(0x10, 0xF0).First(b => !fixedBlocks.Contains(b));
        foreach (var block in fixedBlocks.Append(offsetBlock))
        {
            item.AddOrUpdate(Creator(group, (ushort)block, creator));
        }

        foreach (var entry in entries)
        {
            var element = entry.Element > 0xFF ? entry.Element : (ushort)(offsetBlock << 8 | entry.Element);
            item.AddOrUpdate(Value(new DicomTag(group, element), entry.VR));
        }

        var offsets = entries.Where(e => e.Element <= 0xFF).Select(e => (int)e.Element).ToHashSet();
        var unknown = Enumerable.Range(0, 0x100).First(o => !offsets.Contains(o));
        item.AddOrUpdate(Value(new DicomTag(group, (ushort)(offsetBlock << 8 | unknown)), DicomVR.UN));
        return item;
    }

    private static DicomElement Creator(ushort group, ushort block, string creator) =>
        new(new DicomTag(group, block), DicomVR.LO, System.Text.Encoding.Latin1.GetBytes(creator.Length % 2 == 1 ? creator + " " : creator));

    private static DicomItem Value(DicomTag tag, DicomVR vr)
    {
        if (vr != DicomVR.SQ)
        {
            return new DicomElement(tag, DicomVR.UN, "12345678"u8.ToArray());
        }

        var nested = new DicomDataset();
        nested.Add(new DicomTag(0x00080100), "ABC");
        return new DicomSequence(tag, [nested]);
    }
}
