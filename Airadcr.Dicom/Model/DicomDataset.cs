using System.Collections;
using Airadcr.Dicom.Charsets;

namespace Airadcr.Dicom;

/// <summary>A set of data elements kept in ascending tag order. Items of a sequence inherit the character set of
/// the dataset holding the sequence (<see cref="Parent"/>).</summary>
public sealed partial class DicomDataset : IEnumerable<DicomItem>
{
    private readonly List<DicomItem> _items;
    private DicomCharset? _charset;

    public DicomDataset() => _items = [];

    public DicomDataset(IEnumerable<DicomItem> items) : this()
    {
        foreach (var item in items)
        {
            AddOrUpdate(item);
        }
    }

    internal DicomDataset(int capacity) => _items = new List<DicomItem>(capacity);

    /// <summary>The dataset whose sequence holds this item, if any.</summary>
    public DicomDataset? Parent { get; internal set; }

    public int Count => _items.Count;

    /// <summary>Character set from (0008,0005) here, else inherited from <see cref="Parent"/>, else the default repertoire.</summary>
    public DicomCharset Charset
    {
        get
        {
            if (_charset is not null)
            {
                return _charset;
            }

            if (TryGetElement(DicomTag.SpecificCharacterSet, out var cs))
            {
                return _charset = DicomCharset.FromTerms(cs.GetStrings());
            }

            return Parent?.Charset ?? DicomCharset.Default;
        }
    }

    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    public bool TryGet(DicomTag tag, out DicomItem item)
    {
        var i = IndexOf(tag);
        item = i >= 0 ? _items[i] : null!;
        return i >= 0;
    }

    public bool TryGetElement(DicomTag tag, out DicomElement element)
    {
        var i = IndexOf(tag);
        element = (i >= 0 ? _items[i] as DicomElement : null)!;
        return element is not null;
    }

    public bool TryGetSequence(DicomTag tag, out DicomSequence sequence)
    {
        var i = IndexOf(tag);
        sequence = (i >= 0 ? _items[i] as DicomSequence : null)!;
        return sequence is not null;
    }

    /// <summary>The item with <paramref name="tag"/>, or null.</summary>
    public DicomItem? this[DicomTag tag] => TryGet(tag, out var item) ? item : null;

    /// <summary>Adds or replaces the item with the same tag.</summary>
    public DicomDataset AddOrUpdate(DicomItem item)
    {
        if (item is DicomSequence sequence)
        {
            sequence.Owner = this;
        }

        if (item.Tag == DicomTag.SpecificCharacterSet)
        {
            _charset = null;
        }

        var n = _items.Count;
        if (n == 0 || _items[n - 1].Tag < item.Tag)
        {
            _items.Add(item);
            return this;
        }

        var i = IndexOf(item.Tag);
        if (i >= 0)
        {
            _items[i] = item;
        }
        else
        {
            _items.Insert(~i, item);
        }

        return this;
    }

    public bool Remove(DicomTag tag)
    {
        var i = IndexOf(tag);
        if (i < 0)
        {
            return false;
        }

        _items.RemoveAt(i);
        if (tag == DicomTag.SpecificCharacterSet)
        {
            _charset = null;
        }

        return true;
    }

    /// <summary>Removes every item matching <paramref name="predicate"/>.</summary>
    public int RemoveAll(Predicate<DicomItem> predicate)
    {
        _charset = null;
        return _items.RemoveAll(predicate);
    }

    /// <summary>The private creator string reserving the block of a private data element, if present.</summary>
    public string? GetPrivateCreator(DicomTag tag) =>
        tag.IsPrivate && !tag.IsPrivateCreator && tag.Element > 0xFF && TryGetElement(tag.PrivateCreatorTag, out var e)
            ? e.GetString(Charset)
            : null;

    /// <summary>The tag of element <paramref name="offset"/> (00-FF) in the block reserved by
    /// <paramref name="creator"/> in <paramref name="group"/>, reserving a new block when <paramref name="reserve"/>.</summary>
    public DicomTag? GetPrivateTag(ushort group, string creator, byte offset, bool reserve = false)
    {
        for (ushort e = 0x10; e <= 0xFF; e++)
        {
            var creatorTag = new DicomTag(group, e);
            if (!TryGetElement(creatorTag, out var ce))
            {
                if (!reserve)
                {
                    continue;
                }

                AddOrUpdate(DicomElementFactory.Create(creatorTag, DicomVR.LO, creator));
                return new DicomTag(group, (ushort)(e << 8 | offset));
            }

            if (ce.GetString(Charset) == creator)
            {
                return new DicomTag(group, (ushort)(e << 8 | offset));
            }
        }

        return null;
    }

    public IEnumerator<DicomItem> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(DicomTag tag)
    {
        // Binary search over the sorted list (List<T>.BinarySearch needs an IComparer on items).
        int lo = 0, hi = _items.Count - 1;
        var key = tag.Value;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var v = _items[mid].Tag.Value;
            if (v == key)
            {
                return mid;
            }

            if (v < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
