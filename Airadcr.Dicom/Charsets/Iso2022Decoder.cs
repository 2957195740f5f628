using System.Text;

namespace Airadcr.Dicom.Charsets;

/// <summary>Decodes bytes with ISO 2022 escape sequences (PS3.5 6.1.2.5): G0 for bytes below 0x80, G1 above,
/// both reset to the initial code elements at delimiters.</summary>
internal ref struct Iso2022Decoder(DicomCodeElement? initialG0, DicomCodeElement? initialG1, DicomCodeElement[] extensions, bool personName)
{
    private readonly DicomCodeElement? _initialG0 = initialG0;
    private readonly DicomCodeElement? _initialG1 = initialG1;
    private DicomCodeElement? _g0 = initialG0;
    private DicomCodeElement? _g1 = initialG1;

    public string Decode(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        var i = 0;
        while (i < bytes.Length)
        {
            if (bytes[i] == 0x1B && TryEscape(bytes[i..], out var consumed))
            {
                i += consumed;
                continue;
            }

            var start = i;
            var high = bytes[i] >= 0x80;
            var multiByteG0 = !high && _g0?.Kind is DicomCodeKind.JisX0208 or DicomCodeKind.JisX0212;
            while (i < bytes.Length && bytes[i] != 0x1B && bytes[i] >= 0x80 == high)
            {
                if (!high && !multiByteG0 && IsDelimiter(bytes[i]))
                {
                    break;
                }

                i++;
            }

            if (i == start)
            {
                // A delimiter in single-byte G0: emit it and return to the initial code elements.
                sb.Append((char)bytes[i]);
                _g0 = _initialG0;
                _g1 = _initialG1;
                i++;
                continue;
            }

            sb.Append(DecodeRun(bytes[start..i], high ? _g1 : _g0));
        }

        return sb.ToString();
    }

    private readonly bool IsDelimiter(byte b) =>
        b is 0x0A or 0x0C or 0x0D or 0x09 or (byte)'\\' || (personName && b is (byte)'^' or (byte)'=');

    private bool TryEscape(ReadOnlySpan<byte> s, out int consumed)
    {
        foreach (var e in extensions)
        {
            if (s.StartsWith(e.Escape))
            {
                if (e.IsG1)
                {
                    _g1 = e;
                }
                else
                {
                    _g0 = e;
                }

                consumed = e.Escape.Length;
                return true;
            }
        }

        // ESC ( B (ASCII) is always allowed to return G0.
        if (s.Length >= 3 && s[1] == '(' && s[2] == 'B')
        {
            _g0 = null;
            consumed = 3;
            return true;
        }

        consumed = 0;
        return false;
    }

    private static string DecodeRun(ReadOnlySpan<byte> run, DicomCodeElement? element)
    {
        switch (element?.Kind)
        {
            case null or DicomCodeKind.Ascii:
                return Encoding.Latin1.GetString(run);
            case DicomCodeKind.JisX0208:
                var euc = new byte[run.Length & ~1];
                for (var k = 0; k < euc.Length; k++)
                {
                    euc[k] = (byte)(run[k] | 0x80);
                }

                return element.Encoding.GetString(euc);
            case DicomCodeKind.JisX0212:
                // .NET's EUC-JP lacks JIS X 0212: a generated 94x94 table.
                var chars = new char[run.Length / 2];
                for (var k = 0; k < chars.Length; k++)
                {
                    int row = run[2 * k] - 0x21, col = run[2 * k + 1] - 0x21;
                    chars[k] = row is >= 0 and < 94 && col is >= 0 and < 94 ? JisX0212Table.Characters[row * 94 + col] : '\uFFFD';
                }

                return new string(chars);
            default:
                return element.Encoding.GetString(run);
        }
    }
}
