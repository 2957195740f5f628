using System.Security.Cryptography;
using System.Text;

namespace Airadcr.Audit.Checkpoints;

/// <summary>
/// A signed statement "the chain of <paramref name="Service"/> had <paramref name="Hash"/> at <paramref name="Seq"/>
/// at <paramref name="Time"/>": ECDSA P-256 over SHA-256 of <see cref="SignedBytes"/>, IEEE P1363 signature in base64;
/// <paramref name="KeyId"/> names the key (the first 16 hex digits of SHA-256 of its SubjectPublicKeyInfo).
/// </summary>
public sealed record AuditCheckpoint(long Seq, string Hash, DateTimeOffset Time, string Service, string KeyId, string Signature)
{
    /// <summary>What the signature covers: domain tag, service, seq, hash, time (Unix ms), canonical as in <see cref="AuditHash"/>.</summary>
    public byte[] SignedBytes() => SignedBytes(Seq, Hash, Time, Service);

    internal static byte[] SignedBytes(long seq, string hash, DateTimeOffset time, string service)
    {
        using var buffer = new MemoryStream(128);
        buffer.Write(Encoding.ASCII.GetBytes("airadcr-audit-checkpoint-v1"));
        AuditHash.WriteText(buffer, service);
        AuditHash.WriteInt64(buffer, seq);
        AuditHash.WriteText(buffer, hash);
        AuditHash.WriteInt64(buffer, time.ToUnixTimeMilliseconds());
        return buffer.ToArray();
    }

    /// <summary>True when <see cref="Signature"/> is a valid signature of this checkpoint by <paramref name="key"/>.</summary>
    public bool IsSignedBy(AuditSigningKey key)
    {
        if (KeyId != key.KeyId)
        {
            return false;
        }
        try
        {
            return key.Verify(SignedBytes(), Convert.FromBase64String(Signature));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
