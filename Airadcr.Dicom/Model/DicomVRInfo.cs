namespace Airadcr.Dicom;

/// <summary>Encoding properties of value representations (PS3.5 table 6.2-1 and 7.1-1).</summary>
public static class DicomVRInfo
{
    /// <summary>True when <paramref name="code"/> is one of the VRs of PS3.5.</summary>
    public static bool IsKnown(ushort code) => code switch
    {
        (ushort)DicomVR.AE or (ushort)DicomVR.AS or (ushort)DicomVR.AT or (ushort)DicomVR.CS or (ushort)DicomVR.DA
        or (ushort)DicomVR.DS or (ushort)DicomVR.DT or (ushort)DicomVR.FD or (ushort)DicomVR.FL or (ushort)DicomVR.IS
        or (ushort)DicomVR.LO or (ushort)DicomVR.LT or (ushort)DicomVR.OB or (ushort)DicomVR.OD or (ushort)DicomVR.OF
        or (ushort)DicomVR.OL or (ushort)DicomVR.OV or (ushort)DicomVR.OW or (ushort)DicomVR.PN or (ushort)DicomVR.SH
        or (ushort)DicomVR.SL or (ushort)DicomVR.SQ or (ushort)DicomVR.SS or (ushort)DicomVR.ST or (ushort)DicomVR.SV
        or (ushort)DicomVR.TM or (ushort)DicomVR.UC or (ushort)DicomVR.UI or (ushort)DicomVR.UL or (ushort)DicomVR.UN
        or (ushort)DicomVR.UR or (ushort)DicomVR.US or (ushort)DicomVR.UT or (ushort)DicomVR.UV => true,
        _ => false,
    };

    /// <summary>Explicit VR encodings with 2 reserved bytes and a 32-bit length.</summary>
    public static bool HasLongLength(this DicomVR vr) => vr is DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL
        or DicomVR.OV or DicomVR.OW or DicomVR.SQ or DicomVR.SV or DicomVR.UC or DicomVR.UN or DicomVR.UR
        or DicomVR.UT or DicomVR.UV;

    /// <summary>Character-string VRs (padded with a space).</summary>
    public static bool IsString(this DicomVR vr) => vr is DicomVR.AE or DicomVR.AS or DicomVR.CS or DicomVR.DA
        or DicomVR.DS or DicomVR.DT or DicomVR.IS or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH
        or DicomVR.ST or DicomVR.TM or DicomVR.UC or DicomVR.UI or DicomVR.UR or DicomVR.UT;

    /// <summary>String VRs whose bytes are decoded with the Specific Character Set.</summary>
    public static bool IsCharsetDependent(this DicomVR vr) => vr is DicomVR.LO or DicomVR.LT or DicomVR.PN
        or DicomVR.SH or DicomVR.ST or DicomVR.UC or DicomVR.UT;

    /// <summary>String VRs that hold a single value (no backslash splitting).</summary>
    public static bool IsSingleValuedText(this DicomVR vr) => vr is DicomVR.LT or DicomVR.ST or DicomVR.UT or DicomVR.UR;

    /// <summary>Size of one binary value, used for byte swapping; 1 for strings and byte streams.</summary>
    public static int ValueSize(this DicomVR vr) => vr switch
    {
        DicomVR.AT or DicomVR.US or DicomVR.SS or DicomVR.OW => 2,
        DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.OF or DicomVR.OL => 4,
        DicomVR.FD or DicomVR.OD or DicomVR.SV or DicomVR.UV or DicomVR.OV => 8,
        _ => 1,
    };

    /// <summary>Padding byte used to make a value's length even.</summary>
    public static byte PaddingByte(this DicomVR vr) => vr == DicomVR.UI || !vr.IsString() ? (byte)0 : (byte)' ';

    /// <summary>The two-letter code.</summary>
    public static string Code(this DicomVR vr) =>
        vr == DicomVR.None ? "" : string.Create(2, vr, static (s, v) => { s[0] = (char)((ushort)v >> 8); s[1] = (char)((ushort)v & 0xFF); });

    /// <summary>Parses a two-letter code; throws <see cref="ArgumentException"/> for an unknown code.</summary>
    public static DicomVR Parse(ReadOnlySpan<char> code)
    {
        if (code.Length == 2)
        {
            var value = (ushort)(code[0] << 8 | code[1]);
            if (IsKnown(value))
            {
                return (DicomVR)value;
            }
        }

        throw new ArgumentException($"'{code}' is not a DICOM value representation", nameof(code));
    }
}
