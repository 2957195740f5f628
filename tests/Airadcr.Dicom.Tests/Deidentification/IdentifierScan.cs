using System.Text;

namespace Airadcr.Dicom.Tests.Deidentification;

/// <summary>Looks for identifiers in a file's bytes, in every encoding they could have been written in (ASCII/UTF-8,
/// Latin-1), case-insensitively for text: what a re-identification attempt on the raw file would find.</summary>
internal static class IdentifierScan
{
    public static IReadOnlyList<string> Find(byte[] file, IEnumerable<string> identifiers)
    {
        var utf8 = Encoding.UTF8.GetString(file);
        var latin1 = Encoding.Latin1.GetString(file);
        return
        [
            .. identifiers.Distinct().Where(id =>
                utf8.Contains(id, StringComparison.OrdinalIgnoreCase) || latin1.Contains(id, StringComparison.OrdinalIgnoreCase)),
        ];
    }
}
