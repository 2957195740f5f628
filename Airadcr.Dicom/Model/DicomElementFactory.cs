using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using Airadcr.Dicom.Dictionary;

namespace Airadcr.Dicom;

/// <summary>Builds elements from .NET values, little-endian, text as UTF-8 (we write ISO_IR 192).</summary>
public static class DicomElementFactory
{
    /// <summary>String element with the dictionary VR (UN for unknown tags is refused).</summary>
    public static DicomElement Create(DicomTag tag, params string[] values)
    {
        var vr = DicomDictionary.Lookup(tag).VR;
        if (vr is DicomVR.None or DicomVR.UN or DicomVR.SQ)
        {
            throw new DicomValueException(tag, "has no string VR in the dictionary; pass the VR explicitly");
        }

        return Create(tag, vr, values);
    }

    public static DicomElement Create(DicomTag tag, DicomVR vr, params string[] values)
    {
        if (!vr.IsString())
        {
            throw new DicomValueException(tag, $"VR {vr.Code()} is not a string VR");
        }

        var text = string.Join('\\', values);
        var bytes = vr.IsCharsetDependent() ? Encoding.UTF8.GetBytes(text) : Encoding.Latin1.GetBytes(text);
        return new DicomElement(tag, vr, bytes);
    }

    /// <summary>Numeric element: binary VRs encoded little-endian, IS/DS formatted as text.</summary>
    public static DicomElement Create<T>(DicomTag tag, DicomVR vr, params T[] values) where T : INumber<T>
    {
        if (vr is DicomVR.IS or DicomVR.DS)
        {
            var text = values.Select(v => vr == DicomVR.IS
                ? long.CreateChecked(v).ToString(CultureInfo.InvariantCulture)
                : FormatDecimalString(double.CreateChecked(v)));
            return Create(tag, vr, text.ToArray());
        }

        var size = vr.ValueSize();
        if (vr.IsString() || vr is DicomVR.SQ or DicomVR.UN || (size == 1 && vr != DicomVR.OB))
        {
            throw new DicomValueException(tag, $"VR {vr.Code()} does not hold numbers");
        }

        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            WriteBinary(vr, bytes.AsSpan(i * size, size), values[i]);
        }

        return new DicomElement(tag, vr, bytes);
    }

    /// <summary>A DS value of at most 16 characters.</summary>
    public static string FormatDecimalString(double value)
    {
        var s = value.ToString("R", CultureInfo.InvariantCulture);
        for (var digits = 15; s.Length > 16 && digits > 1; digits--)
        {
            s = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return s;
    }

    private static void WriteBinary<T>(DicomVR vr, Span<byte> s, T v) where T : INumber<T>
    {
        switch (vr)
        {
            case DicomVR.US or DicomVR.OW or DicomVR.AT: BinaryPrimitives.WriteUInt16LittleEndian(s, ushort.CreateTruncating(v)); break;
            case DicomVR.SS: BinaryPrimitives.WriteInt16LittleEndian(s, short.CreateTruncating(v)); break;
            case DicomVR.UL or DicomVR.OL: BinaryPrimitives.WriteUInt32LittleEndian(s, uint.CreateTruncating(v)); break;
            case DicomVR.SL: BinaryPrimitives.WriteInt32LittleEndian(s, int.CreateTruncating(v)); break;
            case DicomVR.FL or DicomVR.OF: BinaryPrimitives.WriteSingleLittleEndian(s, float.CreateSaturating(v)); break;
            case DicomVR.FD or DicomVR.OD: BinaryPrimitives.WriteDoubleLittleEndian(s, double.CreateSaturating(v)); break;
            case DicomVR.SV: BinaryPrimitives.WriteInt64LittleEndian(s, long.CreateTruncating(v)); break;
            case DicomVR.UV or DicomVR.OV: BinaryPrimitives.WriteUInt64LittleEndian(s, ulong.CreateTruncating(v)); break;
            default: s[0] = byte.CreateTruncating(v); break;
        }
    }
}
