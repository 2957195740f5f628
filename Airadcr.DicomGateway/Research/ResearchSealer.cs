using System.Security.Cryptography;
using System.Text;

namespace Airadcr.DicomGateway.Research;

/// <summary>
/// What the research tables keep of an original identifier: AES-256-GCM ciphertext bound to where it is stored
/// (associated data), and HMAC-SHA256 blind indexes for lookups, per project. Format: version byte, 12-byte nonce,
/// 16-byte tag, ciphertext (the ReportApi's).
/// </summary>
public sealed class ResearchSealer(ResearchKeys keys)
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    /// <summary>The blind index of <paramref name="value"/> in the project's <paramref name="field"/>.</summary>
    public string IndexOf(string projectId, string field, string value) =>
        Convert.ToBase64String(HMACSHA256.HashData(keys.IndexKey, Encoding.UTF8.GetBytes(projectId + "\0" + field + "\0" + value)));

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string associatedData)
    {
        var output = new byte[HeaderSize + plaintext.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.EncryptionKey, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(HeaderSize), output.AsSpan(1 + NonceSize, TagSize), Encoding.UTF8.GetBytes(associatedData));
        return output;
    }

    public byte[] Open(byte[] sealedBytes, string associatedData)
    {
        if (sealedBytes.Length < HeaderSize || sealedBytes[0] != FormatVersion)
        {
            throw new CryptographicException("Unknown sealed value format.");
        }
        var plaintext = new byte[sealedBytes.Length - HeaderSize];
        using var aes = new AesGcm(keys.EncryptionKey, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(1, NonceSize), sealedBytes.AsSpan(HeaderSize), sealedBytes.AsSpan(1 + NonceSize, TagSize),
            plaintext, Encoding.UTF8.GetBytes(associatedData));
        return plaintext;
    }

    public byte[] SealText(string text, string associatedData) => Seal(Encoding.UTF8.GetBytes(text), associatedData);

    public string OpenText(byte[] sealedBytes, string associatedData) => Encoding.UTF8.GetString(Open(sealedBytes, associatedData));
}
