using System.Text;

namespace Airadcr.Dicom.Charsets;

/// <summary>The Specific Character Set (0008,0005) of a dataset and the decoder it implies: a single encoding
/// (ISO_IR 100..., ISO_IR 192, GB18030, GBK), or ISO 2022 code extensions switched by escape sequences.</summary>
public sealed class DicomCharset
{
    private readonly Encoding _single;
    private readonly DicomCodeElement? _initialG0;
    private readonly DicomCodeElement? _initialG1;
    private readonly DicomCodeElement[] _extensions;

    private DicomCharset(string[] terms, Encoding single, DicomCodeElement? g0, DicomCodeElement? g1, DicomCodeElement[] extensions)
    {
        Terms = terms;
        _single = single;
        _initialG0 = g0;
        _initialG1 = g1;
        _extensions = extensions;
    }

    /// <summary>The default repertoire (decoded leniently as ISO 8859-1, like pydicom).</summary>
    public static DicomCharset Default { get; } = new([], Encoding.Latin1, null, null, []);

    public static DicomCharset Utf8 { get; } = new(["ISO_IR 192"], Encoding.UTF8, null, null, []);

    public IReadOnlyList<string> Terms { get; }

    public bool IsUtf8 => ReferenceEquals(_single, Encoding.UTF8) && _extensions.Length == 0;

    /// <summary>Builds the decoder for the values of (0008,0005); unknown terms fall back to the default repertoire.</summary>
    public static DicomCharset FromTerms(IReadOnlyList<string> terms)
    {
        if (terms.Count == 0)
        {
            return Default;
        }

        var normalized = terms.Select(Normalize).ToArray();
        var extended = normalized.Length > 1 || normalized[0].StartsWith("ISO 2022", StringComparison.Ordinal);
        if (!extended)
        {
            return DicomCodeElement.SingleTerm(normalized[0]) is { } enc
                ? (enc == Encoding.UTF8 ? Utf8 : new DicomCharset([.. terms], enc, null, null, []))
                : Default;
        }

        var elements = normalized.SelectMany(t => DicomCodeElement.Iso2022.Where(e => e.Term == t)).ToArray();
        var first = DicomCodeElement.Iso2022.Where(e => e.Term == normalized[0]).ToArray();
        var g0 = first.FirstOrDefault(e => !e.IsG1);
        var g1 = first.FirstOrDefault(e => e.IsG1);
        return new DicomCharset([.. terms], Encoding.Latin1, g0, g1, elements);
    }

    private static string Normalize(string term)
    {
        var t = term.Trim().ToUpperInvariant().Replace('_', ' ').Replace('-', ' ');
        return t.StartsWith("ISOIR", StringComparison.Ordinal) ? "ISO IR" + t[5..] : t;
    }

    /// <summary>Decodes a value; PN values reset code elements at '^' and '=' too.</summary>
    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        if (_extensions.Length == 0)
        {
            return _single.GetString(bytes);
        }

        return new Iso2022Decoder(_initialG0, _initialG1, _extensions, vr == DicomVR.PN).Decode(bytes);
    }

    public override string ToString() => string.Join('\\', Terms);
}
