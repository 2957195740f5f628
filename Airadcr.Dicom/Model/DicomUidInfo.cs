using System.Collections.Frozen;

namespace Airadcr.Dicom;

/// <summary>A well-known UID of PS3.6 Annex A (SOP class, transfer syntax, ...).</summary>
public sealed record DicomUidInfo(string Uid, string Name, string Type, bool IsRetired, string Keyword)
{
    private static readonly Lazy<FrozenDictionary<string, DicomUidInfo>> Registry = new(() =>
        DicomUids.Registry.Split('\n').Select(line => line.Split('\t'))
            .Select(f => new DicomUidInfo(f[0], f[1], f[2], f[3] == "R", f[4]))
            .ToFrozenDictionary(u => u.Uid, StringComparer.Ordinal));

    /// <summary>All well-known UIDs.</summary>
    public static IEnumerable<DicomUidInfo> All => Registry.Value.Values;

    public static bool TryLookup(string uid, out DicomUidInfo info) => Registry.Value.TryGetValue(uid, out info!);

    /// <summary>Name of a well-known UID, or the UID itself.</summary>
    public static string NameOf(string uid) => TryLookup(uid, out var info) ? info.Name : uid;
}
