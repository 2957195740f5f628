using System.Collections.ObjectModel;

namespace Airadcr.Dicom;

/// <summary>A sequence of items (SQ, or UN with undefined length read as an implicit VR sequence).</summary>
public sealed class DicomSequence : DicomItem
{
    public DicomSequence(DicomTag tag, IEnumerable<DicomDataset>? items = null) : base(tag, DicomVR.SQ)
    {
        Items = new ItemCollection(this);
        foreach (var item in items ?? [])
        {
            Items.Add(item);
        }
    }

    /// <summary>The items; each inherits the character set of the dataset that holds the sequence.</summary>
    public Collection<DicomDataset> Items { get; }

    internal DicomDataset? Owner
    {
        get;
        set
        {
            field = value;
            foreach (var item in Items)
            {
                item.Parent = value;
            }
        }
    }

    private sealed class ItemCollection(DicomSequence sequence) : Collection<DicomDataset>
    {
        protected override void InsertItem(int index, DicomDataset item)
        {
            item.Parent = sequence.Owner;
            base.InsertItem(index, item);
        }

        protected override void SetItem(int index, DicomDataset item)
        {
            item.Parent = sequence.Owner;
            base.SetItem(index, item);
        }
    }
}
