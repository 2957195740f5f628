using System.Globalization;

namespace Airadcr.Dicom;

/// <summary>A data element tag (group, element).</summary>
public readonly partial struct DicomTag(uint value) : IEquatable<DicomTag>, IComparable<DicomTag>
{
    public DicomTag(ushort group, ushort element) : this((uint)group << 16 | element) { }

    /// <summary>Group in the high 16 bits, element in the low 16 bits.</summary>
    public uint Value { get; } = value;

    public ushort Group => (ushort)(Value >> 16);

    public ushort Element => (ushort)Value;

    /// <summary>Odd groups other than 0001, 0003, 0005, 0007 and FFFF are private.</summary>
    public bool IsPrivate => (Group & 1) == 1 && Group > 7 && Group != 0xFFFF;

    /// <summary>(gggg,0010)-(gggg,00FF) in a private group: a private creator element.</summary>
    public bool IsPrivateCreator => IsPrivate && Element is >= 0x10 and <= 0xFF;

    /// <summary>Element 0000: a group length.</summary>
    public bool IsGroupLength => Element == 0;

    /// <summary>For a private data element (gggg,xxee), the creator element (gggg,00xx) that reserves its block.</summary>
    public DicomTag PrivateCreatorTag => new(Group, (ushort)(Element >> 8));

    public static DicomTag Item => new(0xFFFEE000);

    public static DicomTag ItemDelimitationItem => new(0xFFFEE00D);

    public static DicomTag SequenceDelimitationItem => new(0xFFFEE0DD);

    public bool Equals(DicomTag other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is DicomTag t && t.Value == Value;

    public override int GetHashCode() => (int)Value;

    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    public static bool operator ==(DicomTag a, DicomTag b) => a.Value == b.Value;

    public static bool operator !=(DicomTag a, DicomTag b) => a.Value != b.Value;

    public static bool operator <(DicomTag a, DicomTag b) => a.Value < b.Value;

    public static bool operator >(DicomTag a, DicomTag b) => a.Value > b.Value;

    public static bool operator <=(DicomTag a, DicomTag b) => a.Value <= b.Value;

    public static bool operator >=(DicomTag a, DicomTag b) => a.Value >= b.Value;

    /// <summary>(gggg,eeee) in upper-case hex.</summary>
    public override string ToString() => $"({Group:X4},{Element:X4})";

    /// <summary>Parses "(gggg,eeee)", "gggg,eeee" or "ggggeeee".</summary>
    public static DicomTag Parse(string text)
    {
        if (TryParse(text, out var tag))
        {
            return tag;
        }

        throw new FormatException($"'{text}' is not a DICOM tag (expected (gggg,eeee) or ggggeeee)");
    }

    public static bool TryParse(string text, out DicomTag tag)
    {
        var s = text.Trim().TrimStart('(').TrimEnd(')').Replace(",", "", StringComparison.Ordinal);
        var ok = s.Length == 8 && uint.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v);
        tag = ok ? new DicomTag(uint.Parse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)) : default;
        return ok;
    }
}
