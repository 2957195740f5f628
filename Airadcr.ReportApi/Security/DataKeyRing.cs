using System.Security.Cryptography;
using System.Text;

namespace Airadcr.ReportApi.Security;

/// <summary>
/// The keys protecting data at rest, derived (HKDF-SHA256) from one 256-bit master key: one for AES-256-GCM
/// encryption, one for the HMAC-SHA256 blind indexes used by lookups.
/// </summary>
public sealed class DataKeyRing
{
    public const int MasterKeyLength = 32;

    public DataKeyRing(byte[] masterKey)
    {
        if (masterKey.Length != MasterKeyLength)
        {
            throw new ArgumentException($"The data key must be {MasterKeyLength} bytes.", nameof(masterKey));
        }

        EncryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: Encoding.ASCII.GetBytes("airadcr/aes-256-gcm/v1"));
        IndexKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: Encoding.ASCII.GetBytes("airadcr/blind-index/v1"));
    }

    public byte[] EncryptionKey { get; }

    public byte[] IndexKey { get; }
}
