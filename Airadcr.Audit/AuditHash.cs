using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Airadcr.Audit;

/// <summary>
/// The chain's hash: SHA-256 over a canonical encoding of (seq, time, service, actor, action, subject, detail,
/// previous hash). Canonical: the domain tag <c>airadcr-audit-entry-v1</c>, seq and time (Unix milliseconds) as 8-byte
/// big-endian integers, each text as a 4-byte big-endian length and its UTF-8 bytes (absent: length -1, so that
/// null and "" differ and no field can run into the next), the previous hash as its 32 bytes. Lower-case hex.
/// </summary>
public static class AuditHash
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("airadcr-audit-entry-v1");

    public static string Compute(long seq, long timeMs, string service, string actor, string action, string? subject,
        string? detail, string previousHash)
    {
        using var buffer = new MemoryStream(256);
        buffer.Write(Domain);
        WriteInt64(buffer, seq);
        WriteInt64(buffer, timeMs);
        WriteText(buffer, service);
        WriteText(buffer, actor);
        WriteText(buffer, action);
        WriteText(buffer, subject);
        WriteText(buffer, detail);
        buffer.Write(Convert.FromHexString(previousHash));
        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    internal static void WriteInt64(Stream buffer, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        buffer.Write(bytes);
    }

    internal static void WriteText(Stream buffer, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            buffer.Write(length);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }
}
