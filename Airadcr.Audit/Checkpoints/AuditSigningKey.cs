using System.Security.Cryptography;

namespace Airadcr.Audit.Checkpoints;

/// <summary>
/// The service's checkpoint key, ECDSA P-256 (in-box .NET cryptography): from <c>Audit:SigningKey</c> (PEM, PKCS#8
/// <c>PRIVATE KEY</c> or SEC1 <c>EC PRIVATE KEY</c>; environment <c>Audit__SigningKey</c>), else the PEM file
/// <see cref="FileName"/> in the service's data directory, generated there (owner-only) on first use.
/// </summary>
public sealed class AuditSigningKey : IDisposable
{
    public const string FileName = "audit-signing-key.pem";

    private readonly ECDsa _key;

    private AuditSigningKey(ECDsa key)
    {
        _key = key;
        PublicKey = key.ExportSubjectPublicKeyInfo();
        KeyId = Convert.ToHexStringLower(SHA256.HashData(PublicKey))[..16];
    }

    /// <summary>SHA-256 of the public key, first 16 hex digits: which key signed a checkpoint.</summary>
    public string KeyId { get; }

    /// <summary>SubjectPublicKeyInfo (DER) of the key: give it to an outside verifier.</summary>
    public byte[] PublicKey { get; }

    public static AuditSigningKey FromPem(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new CryptographicException("Audit:SigningKey must be an ECDSA P-256 key");
        }
        return new AuditSigningKey(key);
    }

    public static AuditSigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>The configured PEM when given, else the key file in <paramref name="dataDirectory"/> (created when absent).</summary>
    public static AuditSigningKey Load(string? pem, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(pem))
        {
            return FromPem(pem);
        }
        return FromPem(OwnerOnlyFile.ReadOrCreate(Path.Combine(dataDirectory, FileName), () =>
        {
            using var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return generated.ExportPkcs8PrivateKeyPem();
        }));
    }

    public byte[] Sign(byte[] data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public bool Verify(byte[] data, byte[] signature) =>
        _key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => _key.Dispose();
}
