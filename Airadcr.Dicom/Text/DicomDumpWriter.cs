using System.Globalization;
using Airadcr.Dicom.Dictionary;

namespace Airadcr.Dicom.Text;

/// <summary>A dcmdump-like listing: one line per element, sequences and items indented.</summary>
public static class DicomDumpWriter
{
    public static void Write(TextWriter output, DicomDataset dataset, int depth = 0)
    {
        var indent = new string(' ', depth * 2);
        foreach (var item in dataset)
        {
            var entry = DicomPrivateDictionary.TryLookup(dataset, item.Tag, out var privateEntry)
                ? privateEntry
                : DicomDictionary.Lookup(item.Tag);
            var name = entry.Keyword.Length > 0 ? entry.Keyword : entry.Name;
            switch (item)
            {
                case DicomElement e:
                    var text = DicomValueFormatter.Format(e, dataset.Charset);
                    var shown = e.VR.IsString() ? $"[{text}]" : text;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{indent}{item.Tag} {e.VR.Code()} {shown,-40} # {e.Length,4}, {e.Count} {name}"));
                    break;
                case DicomSequence s:
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{indent}{item.Tag} SQ (Sequence with {s.Items.Count} item(s)) # {name}"));
                    for (var i = 0; i < s.Items.Count; i++)
                    {
                        output.WriteLine($"{indent}  (FFFE,E000) na (Item #{i + 1})");
                        Write(output, s.Items[i], depth + 2);
                        output.WriteLine($"{indent}  (FFFE,E00D) na (ItemDelimitationItem)");
                    }

                    output.WriteLine($"{indent}(FFFE,E0DD) na (SequenceDelimitationItem)");
                    break;
                case DicomFragmentSequence f:
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{indent}{item.Tag} {f.VR.Code()} (PixelSequence #={f.Fragments.Count + 1}) # {name}"));
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{indent}  (FFFE,E000) pi offset table # {f.OffsetTable.Length}"));
                    foreach (var fragment in f.Fragments)
                    {
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{indent}  (FFFE,E000) pi fragment # {fragment.Length}"));
                    }

                    break;
            }
        }
    }
}
