using System.Collections.Frozen;

namespace Airadcr.Dicom.Network.Storage;

/// <summary>Every storage SOP class of the dictionary (retired ones included: old modalities still send them).</summary>
public static class StorageSopClasses
{
    public static FrozenSet<string> All { get; } = DicomUidInfo.All
        .Where(u => u.Type == "SOP Class" && u.Keyword.EndsWith("Storage", StringComparison.Ordinal))
        .Select(u => u.Uid)
        .ToFrozenSet(StringComparer.Ordinal);

    public static bool Contains(string sopClassUid) => All.Contains(sopClassUid);
}
