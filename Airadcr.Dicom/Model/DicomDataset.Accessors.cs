using System.Numerics;

namespace Airadcr.Dicom;

public sealed partial class DicomDataset
{
    /// <summary>The element, or a <see cref="DicomValueException"/> saying it is absent.</summary>
    public DicomElement GetElement(DicomTag tag) =>
        TryGetElement(tag, out var e) ? e : throw new DicomValueException(tag, "is absent");

    public DicomSequence GetSequence(DicomTag tag) =>
        TryGetSequence(tag, out var s) ? s : throw new DicomValueException(tag, "is absent or not a sequence");

    /// <summary>Whole value as text (decoded with the dataset's character set, padding trimmed).</summary>
    public string GetString(DicomTag tag) => GetElement(tag).GetString(Charset);

    /// <summary>Whole value as text, or <paramref name="fallback"/> when absent.</summary>
    public string? GetStringOrDefault(DicomTag tag, string? fallback = null) =>
        TryGetElement(tag, out var e) ? e.GetString(Charset) : fallback;

    public string[] GetStrings(DicomTag tag) => GetElement(tag).GetStrings(Charset);

    public T GetValue<T>(DicomTag tag, int index = 0) where T : INumber<T> => GetElement(tag).GetValue<T>(index);

    public T GetValueOrDefault<T>(DicomTag tag, T fallback, int index = 0) where T : INumber<T> =>
        TryGetElement(tag, out var e) && e.Count > index ? e.GetValue<T>(index) : fallback;

    public T[] GetValues<T>(DicomTag tag) where T : INumber<T> => GetElement(tag).GetValues<T>();

    public DateOnly GetDate(DicomTag tag)
    {
        var text = GetString(tag);
        return DicomDateTimeParser.TryParseDate(text, out var d) ? d : throw new DicomValueException(tag, $"'{text}' is not a DA value (YYYYMMDD)");
    }

    public TimeOnly GetTime(DicomTag tag)
    {
        var text = GetString(tag);
        return DicomDateTimeParser.TryParseTime(text, out var t) ? t : throw new DicomValueException(tag, $"'{text}' is not a TM value (HHMMSS.FFFFFF)");
    }

    public DateTime GetDateTime(DicomTag tag)
    {
        var text = GetString(tag);
        return DicomDateTimeParser.TryParseDateTime(text, out var t) ? t : throw new DicomValueException(tag, $"'{text}' is not a DT value (YYYYMMDDHHMMSS.FFFFFF&ZZXX)");
    }

    public DicomPersonName GetPersonName(DicomTag tag)
    {
        var e = GetElement(tag);
        return e.VR is DicomVR.PN or DicomVR.UN ? DicomPersonName.Parse(e.GetString(Charset)) : throw new DicomValueException(tag, $"VR {e.VR.Code()} is not PN");
    }

    public DicomTag[] GetTags(DicomTag tag) => GetElement(tag).GetTags();

    /// <summary>Adds or replaces a string element; the VR comes from the dictionary.</summary>
    public DicomDataset Add(DicomTag tag, params string[] values) => AddText(DicomElementFactory.Create(tag, values));

    /// <summary>Adds or replaces a string element. Text is encoded as UTF-8: a non-ASCII value sets (0008,0005) to ISO_IR 192.</summary>
    public DicomDataset Add(DicomTag tag, DicomVR vr, params string[] values) => AddText(DicomElementFactory.Create(tag, vr, values));

    private DicomDataset AddText(DicomElement element)
    {
        if (element.VR.IsCharsetDependent() && !Charset.IsUtf8 && element.Data.Span.ContainsAnyInRange((byte)0x80, (byte)0xFF))
        {
            AddOrUpdate(DicomElementFactory.Create(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192"));
        }

        return AddOrUpdate(element);
    }

    /// <summary>Adds or replaces a binary numeric element (US, SS, UL, SL, FL, FD, SV, UV, OW, OF, ...) or IS/DS.</summary>
    public DicomDataset Add<T>(DicomTag tag, DicomVR vr, params T[] values) where T : INumber<T> =>
        AddOrUpdate(DicomElementFactory.Create(tag, vr, values));

    public DicomDataset Add(DicomTag tag, params DicomDataset[] items) => AddOrUpdate(new DicomSequence(tag, items));
}
