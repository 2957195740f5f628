using System.Text;

namespace Airadcr.Dicom.Charsets;

/// <summary>How the bytes of one code element are decoded.</summary>
internal enum DicomCodeKind
{
    /// <summary>7-bit ASCII in G0.</summary>
    Ascii,

    /// <summary>Single-byte characters decoded as a whole by <see cref="DicomCodeElement.Encoding"/>.</summary>
    SingleByte,

    /// <summary>JIS X 0208 in G0: byte pairs, decoded as EUC-JP with the high bit set.</summary>
    JisX0208,

    /// <summary>JIS X 0212 in G0: byte pairs, decoded as EUC-JP after a 0x8F prefix.</summary>
    JisX0212,

    /// <summary>A multi-byte set in G1 (KS X 1001, GB 2312): high-bit byte pairs decoded by <see cref="DicomCodeElement.Encoding"/>.</summary>
    MultiByteG1,
}

/// <summary>A code element of PS3.3 C.12.1.1.2: its defined term, escape sequence and decoder.</summary>
internal sealed record DicomCodeElement(string Term, byte[] Escape, DicomCodeKind Kind, Encoding Encoding, bool IsG1)
{
    /// <summary>A code page from the framework's code-pages provider (no global registration needed).</summary>
    private static Encoding Cp(int codePage) =>
        CodePagesEncodingProvider.Instance.GetEncoding(codePage) ?? Encoding.GetEncoding(codePage);

    private static byte[] Esc(string s) => [0x1B, .. Encoding.ASCII.GetBytes(s)];

    /// <summary>Defined terms with code extensions ("ISO 2022 IR n") and their G0/G1 designations.</summary>
    internal static IReadOnlyList<DicomCodeElement> Iso2022 { get; } =
    [
        new("ISO 2022 IR 6", Esc("(B"), DicomCodeKind.Ascii, Encoding.ASCII, false),
        new("ISO 2022 IR 100", Esc("-A"), DicomCodeKind.SingleByte, Encoding.Latin1, true),
        new("ISO 2022 IR 101", Esc("-B"), DicomCodeKind.SingleByte, Cp(28592), true),
        new("ISO 2022 IR 109", Esc("-C"), DicomCodeKind.SingleByte, Cp(28593), true),
        new("ISO 2022 IR 110", Esc("-D"), DicomCodeKind.SingleByte, Cp(28594), true),
        new("ISO 2022 IR 144", Esc("-L"), DicomCodeKind.SingleByte, Cp(28595), true),
        new("ISO 2022 IR 127", Esc("-G"), DicomCodeKind.SingleByte, Cp(28596), true),
        new("ISO 2022 IR 126", Esc("-F"), DicomCodeKind.SingleByte, Cp(28597), true),
        new("ISO 2022 IR 138", Esc("-H"), DicomCodeKind.SingleByte, Cp(28598), true),
        new("ISO 2022 IR 148", Esc("-M"), DicomCodeKind.SingleByte, Cp(28599), true),
        new("ISO 2022 IR 203", Esc("-b"), DicomCodeKind.SingleByte, Cp(28605), true),
        new("ISO 2022 IR 166", Esc("-T"), DicomCodeKind.SingleByte, Cp(874), true),
        new("ISO 2022 IR 13", Esc(")I"), DicomCodeKind.SingleByte, Cp(932), true),
        new("ISO 2022 IR 13", Esc("(J"), DicomCodeKind.SingleByte, Cp(932), false),
        new("ISO 2022 IR 87", Esc("$B"), DicomCodeKind.JisX0208, Cp(20932), false),
        new("ISO 2022 IR 159", Esc("$(D"), DicomCodeKind.JisX0212, Encoding.Unicode, false),
        new("ISO 2022 IR 149", Esc("$)C"), DicomCodeKind.MultiByteG1, Cp(949), true),
        new("ISO 2022 IR 58", Esc("$)A"), DicomCodeKind.MultiByteG1, Cp(936), true),
    ];

    /// <summary>Defined terms without code extensions, by number after "ISO_IR".</summary>
    internal static Encoding? SingleTerm(string normalized) => normalized switch
    {
        "" or "ISO IR 6" => Encoding.Latin1,
        "ISO IR 100" => Encoding.Latin1,
        "ISO IR 101" => Cp(28592),
        "ISO IR 109" => Cp(28593),
        "ISO IR 110" => Cp(28594),
        "ISO IR 144" => Cp(28595),
        "ISO IR 127" => Cp(28596),
        "ISO IR 126" => Cp(28597),
        "ISO IR 138" => Cp(28598),
        "ISO IR 148" => Cp(28599),
        "ISO IR 203" => Cp(28605),
        "ISO IR 166" => Cp(874),
        "ISO IR 13" => Cp(932),
        "ISO IR 192" => Encoding.UTF8,
        "GB18030" => Cp(54936),
        "GBK" => Cp(936),
        _ => null,
    };
}
