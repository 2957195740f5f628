using System.Security.Cryptography;
using System.Text;

namespace Airadcr.DicomGateway.Security;

/// <summary>
/// A value sealed at rest: AES-256-GCM ciphertext bound to where it is stored (associated data). Format: version byte,
/// 12-byte nonce, 16-byte tag, ciphertext (the ReportApi's). Used for the research tables and the archives' credentials,
/// each with its own key.
/// </summary>
public static class AesGcmSeal
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plaintext, string associatedData)
    {
        var output = new byte[HeaderSize + plaintext.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(HeaderSize), output.AsSpan(1 + NonceSize, TagSize), Encoding.UTF8.GetBytes(associatedData));
        return output;
    }

    public static byte[] Open(byte[] key, byte[] sealedBytes, string associatedData)
    {
        if (sealedBytes.Length < HeaderSize || sealedBytes[0] != FormatVersion)
        {
            throw new CryptographicException("Unknown sealed value format.");
        }
        var plaintext = new byte[sealedBytes.Length - HeaderSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(1, NonceSize), sealedBytes.AsSpan(HeaderSize), sealedBytes.AsSpan(1 + NonceSize, TagSize),
            plaintext, Encoding.UTF8.GetBytes(associatedData));
        return plaintext;
    }
}
