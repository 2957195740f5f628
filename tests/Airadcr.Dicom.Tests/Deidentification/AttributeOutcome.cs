using Airadcr.Dicom.Charsets;
namespace Airadcr.Dicom.Tests.Deidentification;

/// <summary>What a de-identifier did to one attribute of the original, found at the same place in its output.</summary>
public enum Outcome
{
    Kept,
    Replaced,
    Emptied,
    Removed,
}

/// <summary>An attribute of the original at any depth: the sequences and item indexes leading to it, then its tag.</summary>
internal sealed record AttributePath(IReadOnlyList<(DicomTag Sequence, int Item)> Parents, DicomTag Tag)
{
    /// <summary>Every element and sequence of <paramref name="dataset"/>, depth first (pixel data included).</summary>
    public static IEnumerable<(AttributePath Path, DicomItem Item)> All(DicomDataset dataset) => All(dataset, []);

    /// <summary>The attribute in <paramref name="root"/> at this path, or null when it or a parent is absent.</summary>
    public DicomItem? Find(DicomDataset root)
    {
        var dataset = root;
        foreach (var (sequence, item) in Parents)
        {
            if (!dataset.TryGetSequence(sequence, out var s) || s.Items.Count <= item)
            {
                return null;
            }

            dataset = s.Items[item];
        }

        return dataset[Tag];
    }

    /// <summary>What happened to <paramref name="original"/> in <paramref name="output"/>.</summary>
    public Outcome In(DicomDataset originalRoot, DicomItem original, DicomDataset outputRoot)
    {
        var found = Find(outputRoot);
        return found switch
        {
            null => Outcome.Removed,
            DicomSequence s when s.Items.Count == 0 && original is DicomSequence { Items.Count: > 0 } => Outcome.Emptied,
            DicomSequence => Outcome.Kept, // its items are compared one by one
            DicomElement { Length: 0 } when original is DicomElement { Length: > 0 } => Outcome.Emptied,
            _ => Value(found, outputRoot) == Value(original, originalRoot) ? Outcome.Kept : Outcome.Replaced,
        };
    }

    /// <summary>The value as text: decoded and unpadded for strings, hex for binary values and fragments.</summary>
    public string Value(DicomItem item, DicomDataset root) => item switch
    {
        DicomElement e when e.VR.IsString() => e.GetString(Charset(root)).TrimEnd(' ', '\0'),
        DicomElement e => Convert.ToHexString(e.Data.Span),
        DicomFragmentSequence f => string.Join("|", f.Fragments.Select(fragment => Convert.ToHexString(fragment.Span))),
        _ => item.GetType().Name,
    };

    public override string ToString() =>
        string.Concat(Parents.Select(p => $"{p.Sequence}[{p.Item}]/")) + Tag;

    private DicomCharset Charset(DicomDataset root)
    {
        var dataset = root;
        foreach (var (sequence, item) in Parents)
        {
            dataset = dataset.GetSequence(sequence).Items[item];
        }

        return dataset.Charset;
    }

    private static IEnumerable<(AttributePath, DicomItem)> All(DicomDataset dataset, IReadOnlyList<(DicomTag, int)> parents)
    {
        foreach (var item in dataset)
        {
            yield return (new AttributePath(parents, item.Tag), item);
            if (item is DicomSequence sequence)
            {
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    foreach (var nested in All(sequence.Items[i], [.. parents, (item.Tag, i)]))
                    {
                        yield return nested;
                    }
                }
            }
        }
    }
}
