using System.Security.Cryptography;
using System.Text;
using Airadcr.DicomGateway.Security;

namespace Airadcr.DicomGateway.Research;

/// <summary>
/// What the research tables keep of an original identifier: AES-256-GCM ciphertext bound to where it is stored
/// (associated data, <see cref="AesGcmSeal"/>), and HMAC-SHA256 blind indexes for lookups, per project.
/// </summary>
public sealed class ResearchSealer(ResearchKeys keys)
{
    /// <summary>The blind index of <paramref name="value"/> in the project's <paramref name="field"/>.</summary>
    public string IndexOf(string projectId, string field, string value) =>
        Convert.ToBase64String(HMACSHA256.HashData(keys.IndexKey, Encoding.UTF8.GetBytes(projectId + "\0" + field + "\0" + value)));

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string associatedData) => AesGcmSeal.Seal(keys.EncryptionKey, plaintext, associatedData);

    public byte[] Open(byte[] sealedBytes, string associatedData) => AesGcmSeal.Open(keys.EncryptionKey, sealedBytes, associatedData);

    public byte[] SealText(string text, string associatedData) => Seal(Encoding.UTF8.GetBytes(text), associatedData);

    public string OpenText(byte[] sealedBytes, string associatedData) => Encoding.UTF8.GetString(Open(sealedBytes, associatedData));
}
