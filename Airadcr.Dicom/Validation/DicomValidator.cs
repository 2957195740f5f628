using Airadcr.Dicom.Dictionary;

namespace Airadcr.Dicom.Validation;

/// <summary>One finding of <see cref="DicomValidator"/>.</summary>
public sealed record DicomValidationIssue(string Path, DicomTag Tag, string Message)
{
    public override string ToString() => $"{Path}{Tag}: {Message}";
}

/// <summary>Checks a parsed dataset against the dictionary: VR, VM, odd lengths, value sizes, string lengths.</summary>
public static class DicomValidator
{
    public static IReadOnlyList<DicomValidationIssue> Validate(DicomDataset dataset)
    {
        var issues = new List<DicomValidationIssue>();
        Validate(dataset, "", issues);
        return issues;
    }

    private static void Validate(DicomDataset dataset, string path, List<DicomValidationIssue> issues)
    {
        foreach (var item in dataset)
        {
            var found = DicomDictionary.TryLookup(item.Tag, out var entry);
            if (found && entry.VR != DicomVR.None && item.VR != entry.VR && item.VR != entry.AlternateVR && item.VR != DicomVR.UN)
            {
                issues.Add(new(path, item.Tag, $"VR {item.VR.Code()} differs from the dictionary's {entry.VR.Code()}"));
            }

            switch (item)
            {
                case DicomSequence s:
                    for (var i = 0; i < s.Items.Count; i++)
                    {
                        Validate(s.Items[i], $"{path}{item.Tag}[{i}].", issues);
                    }

                    break;
                case DicomElement e:
                    ValidateElement(e, found ? entry : null, path, issues);
                    break;
            }
        }
    }

    private static void ValidateElement(DicomElement e, DicomDictionaryEntry? entry, string path, List<DicomValidationIssue> issues)
    {
        if ((e.Length & 1) == 1)
        {
            issues.Add(new(path, e.Tag, $"odd value length {e.Length}"));
        }

        var size = e.VR.ValueSize();
        if (!e.VR.IsString() && size > 1 && e.Length % size != 0)
        {
            issues.Add(new(path, e.Tag, $"length {e.Length} is not a multiple of {size} for VR {e.VR.Code()}"));
            return;
        }

        if (entry is not null && e.VR == entry.VR && !entry.AllowsMultiplicity(e.Count))
        {
            issues.Add(new(path, e.Tag, $"{e.Count} value(s) do not match VM {entry.VM}"));
        }

        if (e.VR is DicomVR.IS or DicomVR.DS)
        {
            try
            {
                _ = e.GetValues<double>();
            }
            catch (DicomValueException ex)
            {
                issues.Add(new(path, e.Tag, ex.Message[(ex.Message.IndexOf(':', StringComparison.Ordinal) + 2)..]));
            }
        }
    }
}
