using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Airadcr.Dicom.Deidentification;

/// <summary>
/// Replacements derived from the project secret with HMAC-SHA256, so the same original and secret give the same
/// replacement in every run: UIDs as 2.25 UIDs (PS3.5 B.2, a name-based UUID as one decimal integer), identifiers as
/// a prefix and 16 hex digits (64 bits: collisions stay unlikely below billions of patients), the date shift as whole days.
/// </summary>
internal sealed class KeyedPseudonyms(byte[] secret)
{
    /// <summary>Dates move back by 1 to this many days (about ten years).</summary>
    public const int MaxShiftDays = 3652;

    public string Uid(string original)
    {
        var uuid = Hash("uid", original).AsSpan(0, 16).ToArray();
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x80); // version 8 (custom), RFC 9562
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80); // RFC 4122 variant
        return "2.25." + new BigInteger(uuid, isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>"P" + 16 hex digits for a patient (ID and name), "A" + 15 for an accession number (SH: 16 characters).</summary>
    public string PatientId(string original) => "P" + Convert.ToHexString(Hash("patient", original), 0, 8);

    public string AccessionNumber(string original) => "A" + Convert.ToHexString(Hash("accession", original), 0, 8)[..15];

    /// <summary>The number of days (negative: into the past) every date of this patient moves by.</summary>
    public int DateShiftDays(string patientId)
    {
        var value = BitConverter.ToUInt64(Hash("date-shift", patientId), 0);
        return -(int)(1 + value % MaxShiftDays);
    }

    private byte[] Hash(string purpose, string original) =>
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(purpose + "\0" + original));
}
