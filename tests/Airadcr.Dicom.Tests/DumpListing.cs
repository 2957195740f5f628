using System.Globalization;
using System.Text.RegularExpressions;

namespace Airadcr.Dicom.Tests;

/// <summary>The element lines of a dcmdump listing (dcmdump's or our <c>dump</c>'s), in order, nested ones included:
/// tag, VR (dcmdump's "??" for an implicit VR element it has no dictionary entry for reads as UN) and name.</summary>
internal static partial class DumpListing
{
    public sealed record Line(DicomTag Tag, string VR, string Name)
    {
        /// <summary>Tag and VR, with the name where the VR came from a dictionary (unknown elements are named
        /// differently: dcmdump "Unknown Tag &amp; Data", we "Private Tag").</summary>
        public override string ToString() => VR == "UN" ? $"{Tag} UN" : $"{Tag} {VR} {Name}";
    }

    public static IReadOnlyList<Line> Parse(string dump) =>
        [.. dump.Split('\n').Select(l => ElementLine().Match(l.TrimEnd('\r'))).Where(m => m.Success).Select(m => new Line(
            new DicomTag(Hex(m.Groups["group"].Value), Hex(m.Groups["element"].Value)),
            VR(m.Groups["vr"].Value),
            m.Groups["name"].Value))];

    /// <summary>The lines of private creators and private data elements (odd groups other than FFFF, the illegal
    /// 0001-0007 included) only.</summary>
    public static IReadOnlyList<Line> Private(string dump) =>
        [.. Parse(dump).Where(l => (l.Tag.Group & 1) == 1 && l.Tag.Group != 0xFFFF && l.Tag.Element >= 0x10)];

    /// <summary>dcmdump lists an "OB or OW" private element it does not convert as "ox"; it writes it as OB
    /// (dcmconv +te, dcm2json), as we read it.</summary>
    private static string VR(string code) => code switch { "??" => "UN", "ox" => "OB", _ => code };

    private static ushort Hex(string text) => ushort.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    // "(0029,1010) OB 53\56 ...   #  16, 1 CSAImageHeaderInfo", "(2001,105f) SQ (Sequence ...) # u/l, 1 StackSequence",
    // ours "(2001,105F) SQ (Sequence with 2 item(s)) # StackSequence": the name follows the last '#' and the length/VM.
    [GeneratedRegex(@"^\s*\((?<group>[0-9A-Fa-f]{4}),(?<element>[0-9A-Fa-f]{4})\) (?<vr>[A-Za-z?]{2}) .*#(?:\s*(?:\d+|u/l),\s*\d+)? (?<name>[^#]+)$")]
    private static partial Regex ElementLine();
}
