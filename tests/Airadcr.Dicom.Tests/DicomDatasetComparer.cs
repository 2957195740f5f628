namespace Airadcr.Dicom.Tests;

/// <summary>Structural equality of datasets across transfer syntaxes: same tags and items; values compared as
/// little-endian bytes padded to even length; a VR may differ only when one side is UN (implicit VR keeps no VR for
/// tags the dictionary does not know).</summary>
internal static class DicomDatasetComparer
{
    public static string? FirstDifference(DicomDataset a, DicomDataset b, string path = "")
    {
        var ia = a.Where(i => !i.Tag.IsGroupLength).ToList();
        var ib = b.Where(i => !i.Tag.IsGroupLength).ToList();
        if (ia.Count != ib.Count)
        {
            var missing = ia.Select(i => i.Tag).Except(ib.Select(i => i.Tag)).Concat(ib.Select(i => i.Tag).Except(ia.Select(i => i.Tag)));
            return $"{path}: {ia.Count} items != {ib.Count} (e.g. {string.Join(",", missing.Take(3))})";
        }

        for (var i = 0; i < ia.Count; i++)
        {
            if (Compare(ia[i], ib[i], path) is { } d)
            {
                return d;
            }
        }

        return null;
    }

    private static string? Compare(DicomItem x, DicomItem y, string path)
    {
        var at = $"{path}{x.Tag}";
        if (x.Tag != y.Tag)
        {
            return $"{at}: tag {x.Tag} != {y.Tag}";
        }

        if (x.VR != y.VR && x.VR != DicomVR.UN && y.VR != DicomVR.UN && !AmbiguousInImplicitVR(x, y))
        {
            return $"{at}: VR {x.VR} != {y.VR}";
        }

        switch (x, y)
        {
            case (DicomElement ex, DicomElement ey):
                var vr = ex.VR == DicomVR.UN ? ey.VR : ex.VR;
                return Normalized(ex, vr).AsSpan().SequenceEqual(Normalized(ey, vr)) ? null : $"{at}: values differ";
            case (DicomSequence sx, DicomSequence sy):
                if (sx.Items.Count != sy.Items.Count)
                {
                    return $"{at}: {sx.Items.Count} items != {sy.Items.Count}";
                }

                for (var i = 0; i < sx.Items.Count; i++)
                {
                    if (FirstDifference(sx.Items[i], sy.Items[i], $"{at}[{i}].") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case (DicomFragmentSequence fx, DicomFragmentSequence fy):
                return fx.OffsetTable.Span.SequenceEqual(fy.OffsetTable.Span)
                       && fx.Fragments.Count == fy.Fragments.Count
                       && fx.Fragments.Zip(fy.Fragments).All(p => Padded(p.First.ToArray(), 0).AsSpan().SequenceEqual(Padded(p.Second.ToArray(), 0)))
                    ? null
                    : $"{at}: fragments differ";
            default:
                return $"{at}: {x.GetType().Name} != {y.GetType().Name}";
        }
    }

    /// <summary>"OB or OW" / "US or SS" tags: implicit VR reads them with the dictionary's first VR.</summary>
    private static bool AmbiguousInImplicitVR(DicomItem x, DicomItem y)
    {
        var entry = Dictionary.DicomDictionary.Lookup(x.Tag);
        return (x.VR == entry.VR || x.VR == entry.AlternateVR) && (y.VR == entry.VR || y.VR == entry.AlternateVR);
    }

    private static byte[] Normalized(DicomElement e, DicomVR vr)
    {
        var bytes = e.Data.ToArray();
        if (e.IsBigEndian && e.VR != DicomVR.UN)
        {
            DicomByteOrder.Swap(bytes, e.VR == DicomVR.AT ? 2 : e.VR.ValueSize());
        }

        return Padded(bytes, vr.PaddingByte());
    }

    private static byte[] Padded(byte[] bytes, byte pad) => bytes.Length % 2 == 1 ? [.. bytes, pad] : bytes;
}
