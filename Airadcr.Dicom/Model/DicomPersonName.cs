namespace Airadcr.Dicom;

/// <summary>One component group of a person name: family^given^middle^prefix^suffix.</summary>
public sealed record DicomPersonNameGroup(string Family, string Given, string Middle, string Prefix, string Suffix)
{
    public static DicomPersonNameGroup Parse(string text)
    {
        var c = text.Split('^');
        string At(int i) => i < c.Length ? c[i].Trim() : "";
        return new DicomPersonNameGroup(At(0), At(1), At(2), At(3), At(4));
    }

    public override string ToString() => string.Join('^', Family, Given, Middle, Prefix, Suffix).TrimEnd('^');
}

/// <summary>A PN value: alphabetic, ideographic and phonetic component groups (PS3.5 6.2.1).</summary>
public sealed record DicomPersonName(DicomPersonNameGroup Alphabetic, DicomPersonNameGroup Ideographic, DicomPersonNameGroup Phonetic)
{
    public static DicomPersonName Parse(string text)
    {
        var g = text.Split('=');
        DicomPersonNameGroup At(int i) => DicomPersonNameGroup.Parse(i < g.Length ? g[i] : "");
        return new DicomPersonName(At(0), At(1), At(2));
    }

    public override string ToString() => string.Join('=', Alphabetic, Ideographic, Phonetic).TrimEnd('=');
}
