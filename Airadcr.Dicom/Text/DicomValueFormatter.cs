using System.Globalization;
using System.Text;
using Airadcr.Dicom.Charsets;

namespace Airadcr.Dicom.Text;

/// <summary>Human-readable rendering of element values (dump, validation messages).</summary>
public static class DicomValueFormatter
{
    /// <summary>Text values decoded; numbers joined with '\'; byte streams as hex; long output truncated.</summary>
    public static string Format(DicomElement e, DicomCharset charset, int maxValues = 16)
    {
        if (e.VR.IsString())
        {
            return e.GetString(charset);
        }

        var sb = new StringBuilder();
        switch (e.VR)
        {
            case DicomVR.AT:
                if (e.Length % 4 != 0)
                {
                    goto default;
                }

                AppendJoined(sb, e.GetTags().Select(t => t.ToString()), maxValues);
                break;
            case DicomVR.FL or DicomVR.FD or DicomVR.OF or DicomVR.OD:
                if (e.Length % e.VR.ValueSize() != 0)
                {
                    goto default;
                }

                AppendJoined(sb, e.GetValues<double>().Select(v => v.ToString("G6", CultureInfo.InvariantCulture)), maxValues);
                break;
            case DicomVR.US or DicomVR.SS or DicomVR.UL or DicomVR.SL or DicomVR.SV or DicomVR.UV:
                if (e.Length % e.VR.ValueSize() != 0)
                {
                    goto default;
                }

                AppendJoined(sb, e.GetValues<Int128>().Select(v => v.ToString(CultureInfo.InvariantCulture)), maxValues);
                break;
            default:
                var span = e.Data.Span;
                var n = Math.Min(span.Length, maxValues * 2);
                for (var i = 0; i < n; i++)
                {
                    sb.Append(i == 0 ? "" : "\\").Append(span[i].ToString("x2", CultureInfo.InvariantCulture));
                }

                if (span.Length > n)
                {
                    sb.Append("...");
                }

                break;
        }

        return sb.ToString();
    }

    private static void AppendJoined(StringBuilder sb, IEnumerable<string> values, int max)
    {
        var i = 0;
        foreach (var v in values)
        {
            if (i == max)
            {
                sb.Append("\\...");
                break;
            }

            sb.Append(i++ == 0 ? "" : "\\").Append(v);
        }
    }
}
