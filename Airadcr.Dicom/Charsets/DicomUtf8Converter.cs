using System.Text;

namespace Airadcr.Dicom.Charsets;

/// <summary>Re-encodes a dataset's text as UTF-8 (we write ISO_IR 192): every character-set dependent value (PN, LO,
/// SH, ST, LT, UT, UC) is decoded with the character set in force where it stands, nested (0008,0005) elements are
/// removed, and the top level gets ISO_IR 192.</summary>
public static class DicomUtf8Converter
{
    public static void ConvertToUtf8(DicomDataset dataset)
    {
        Convert(dataset);
        dataset.AddOrUpdate(DicomElementFactory.Create(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192"));
    }

    private static void Convert(DicomDataset dataset)
    {
        var charset = dataset.Charset;
        foreach (var item in dataset.ToList())
        {
            switch (item)
            {
                case DicomElement e when e.VR.IsCharsetDependent() && !charset.IsUtf8:
                    var text = charset.Decode(e.Data.Span, e.VR);
                    dataset.AddOrUpdate(new DicomElement(e.Tag, e.VR, Encoding.UTF8.GetBytes(text)));
                    break;
                case DicomSequence s:
                    foreach (var child in s.Items)
                    {
                        Convert(child);
                    }

                    break;
            }
        }

        // Values now hold UTF-8: nested declarations would be wrong; the top level is set by the caller.
        if (dataset.Parent is not null)
        {
            dataset.Remove(DicomTag.SpecificCharacterSet);
        }
    }
}
