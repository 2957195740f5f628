using System.Security.Cryptography;

namespace Airadcr.DicomGateway.RtStruct;

/// <summary>A structure set's opaque id: 32 random lower-case hex digits, the only name of a set in URLs and folders.</summary>
public static class RtStructureSetId
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="value"/> has the shape of an id (so it can name a folder: no traversal).</summary>
    public static bool IsValid(string? value) =>
        value is { Length: 32 } && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
