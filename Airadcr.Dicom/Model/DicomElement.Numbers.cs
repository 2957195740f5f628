using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace Airadcr.Dicom;

public sealed partial class DicomElement
{
    /// <summary>All values converted to <typeparamref name="T"/>: binary VRs by their native type, IS/DS parsed.</summary>
    public T[] GetValues<T>() where T : INumber<T>
    {
        if (VR is DicomVR.IS or DicomVR.DS)
        {
            var strings = GetStrings();
            var parsed = new T[strings.Length];
            for (var i = 0; i < strings.Length; i++)
            {
                parsed[i] = ParseDecimal<T>(strings[i]);
            }

            return parsed;
        }

        var size = VR.ValueSize();
        if (VR.IsString() || VR is DicomVR.SQ or DicomVR.UN || (size == 1 && VR != DicomVR.OB))
        {
            throw new DicomValueException(Tag, $"VR {VR.Code()} does not hold numbers");
        }

        if (Data.Length % size != 0)
        {
            throw new DicomValueException(Tag, $"length {Data.Length} is not a multiple of {size} for VR {VR.Code()}");
        }

        var span = Data.Span;
        var result = new T[Data.Length / size];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = ReadBinary<T>(span.Slice(i * size, size));
        }

        return result;
    }

    /// <summary>The value at <paramref name="index"/> converted to <typeparamref name="T"/>.</summary>
    public T GetValue<T>(int index = 0) where T : INumber<T>
    {
        var values = GetValues<T>();
        if (index < 0 || index >= values.Length)
        {
            throw new DicomValueException(Tag, $"has {values.Length} value(s), index {index} requested");
        }

        return values[index];
    }

    /// <summary>AT values.</summary>
    public DicomTag[] GetTags()
    {
        if (VR != DicomVR.AT || Data.Length % 4 != 0)
        {
            throw new DicomValueException(Tag, $"is not a well-formed AT value (VR {VR.Code()}, length {Data.Length})");
        }

        var span = Data.Span;
        var tags = new DicomTag[Data.Length / 4];
        for (var i = 0; i < tags.Length; i++)
        {
            var g = IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span[(i * 4)..]) : BinaryPrimitives.ReadUInt16LittleEndian(span[(i * 4)..]);
            var e = IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span[(i * 4 + 2)..]) : BinaryPrimitives.ReadUInt16LittleEndian(span[(i * 4 + 2)..]);
            tags[i] = new DicomTag(g, e);
        }

        return tags;
    }

    private T ParseDecimal<T>(string text) where T : INumber<T>
    {
        if (VR == DicomVR.IS && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return T.CreateChecked(l);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            try
            {
                return T.CreateChecked(d);
            }
            catch (OverflowException)
            {
                throw new DicomValueException(Tag, $"value '{text}' does not fit in {typeof(T).Name}");
            }
        }

        throw new DicomValueException(Tag, $"'{text}' is not a valid {VR.Code()} number");
    }

    private T ReadBinary<T>(ReadOnlySpan<byte> s) where T : INumber<T>
    {
        var be = IsBigEndian;
        return VR switch
        {
            DicomVR.US or DicomVR.OW or DicomVR.AT => T.CreateTruncating(be ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s)),
            DicomVR.SS => T.CreateTruncating(be ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s)),
            DicomVR.UL or DicomVR.OL => T.CreateTruncating(be ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s)),
            DicomVR.SL => T.CreateTruncating(be ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s)),
            DicomVR.FL or DicomVR.OF => T.CreateSaturating(be ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s)),
            DicomVR.FD or DicomVR.OD => T.CreateSaturating(be ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s)),
            DicomVR.SV => T.CreateTruncating(be ? BinaryPrimitives.ReadInt64BigEndian(s) : BinaryPrimitives.ReadInt64LittleEndian(s)),
            DicomVR.UV or DicomVR.OV => T.CreateTruncating(be ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s)),
            _ => T.CreateTruncating(s[0]),
        };
    }
}
