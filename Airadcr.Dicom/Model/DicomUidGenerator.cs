using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Airadcr.Dicom;

/// <summary>New UIDs in the 2.25 root (PS3.5 B.2: a UUID as one decimal integer), at most 64 characters.</summary>
public static class DicomUidGenerator
{
    /// <summary>A new random UID (from a version-4 UUID).</summary>
    public static string New() => FromUuidBytes(Guid.NewGuid().ToByteArray(bigEndian: true));

    /// <summary>
    /// The same UID for the same <paramref name="name"/> every time (a name-based, SHA-1 version-5 style UUID): for
    /// identities that must stay stable, such as a model's Device Observer UID.
    /// </summary>
    public static string FromName(string name)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("airadcr:" + name));
        var uuid = hash.AsSpan(0, 16).ToArray();
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50); // version 5
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80); // RFC 4122 variant
        return FromUuidBytes(uuid);
    }

    private static string FromUuidBytes(byte[] bigEndianUuid) =>
        "2.25." + new BigInteger(bigEndianUuid, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
