using System.Text;
using Airadcr.Dicom.Charsets;

namespace Airadcr.Dicom;

/// <summary>A data element with its value bytes as read (not decoded, not copied: a view into the source buffer),
/// in the byte order of the source (<see cref="IsBigEndian"/>). Odd lengths are kept as read.</summary>
public sealed partial class DicomElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> data, bool isBigEndian = false)
    : DicomItem(tag, vr)
{
    public ReadOnlyMemory<byte> Data { get; } = data;

    /// <summary>Binary values are big-endian (read from Explicit VR Big Endian).</summary>
    public bool IsBigEndian { get; } = isBigEndian;

    public int Length => Data.Length;

    /// <summary>The whole value decoded as text, trailing padding (spaces, NULs) removed.</summary>
    public string GetString(DicomCharset? charset = null)
    {
        if (!VR.IsString() && VR != DicomVR.UN)
        {
            throw new DicomValueException(Tag, $"VR {VR.Code()} is not a string VR");
        }

        var span = TrimPadding(Data.Span, leading: !VR.IsSingleValuedText());
        if (span.IsEmpty)
        {
            return "";
        }

        return VR.IsCharsetDependent() ? (charset ?? DicomCharset.Default).Decode(span, VR) : Encoding.Latin1.GetString(span);
    }

    /// <summary>The values split at backslashes (not for LT/ST/UT/UR), each trimmed of padding.</summary>
    public string[] GetStrings(DicomCharset? charset = null)
    {
        var whole = GetString(charset);
        if (VR.IsSingleValuedText())
        {
            return whole.Length == 0 ? [] : [whole];
        }

        if (whole.Length == 0)
        {
            return [];
        }

        var parts = whole.Split('\\');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = parts[i].Trim(' ', '\0');
        }

        return parts;
    }

    /// <summary>Number of values (binary: by value size; strings: backslash-separated; empty: 0).</summary>
    public int Count
    {
        get
        {
            if (Data.IsEmpty)
            {
                return 0;
            }

            if (VR.IsString())
            {
                return VR.IsSingleValuedText() ? 1 : Data.Span.Count((byte)'\\') + 1;
            }

            return VR is DicomVR.OB or DicomVR.OW or DicomVR.OF or DicomVR.OD or DicomVR.OL or DicomVR.OV or DicomVR.UN
                ? 1
                : Data.Length / VR.ValueSize();
        }
    }

    internal static ReadOnlySpan<byte> TrimPadding(ReadOnlySpan<byte> span, bool leading)
    {
        var end = span.Length;
        while (end > 0 && (span[end - 1] == ' ' || span[end - 1] == 0))
        {
            end--;
        }

        var start = 0;
        while (leading && start < end && span[start] == ' ')
        {
            start++;
        }

        return span[start..end];
    }

    public override string ToString() => $"{Tag} {VR.Code()} [{Length} bytes]";
}
