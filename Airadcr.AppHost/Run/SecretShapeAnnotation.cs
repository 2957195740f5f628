using System.Security.Cryptography;
using Airadcr.LocalServers;

namespace Airadcr.AppHost.Run;

/// <summary>
/// How a secret of the run folder is made (the ReportApi's keys start with <c>airadcr_</c>; a data key is 32 random
/// bytes in base64), so that the run folder and a published <c>.env</c> generate values of the same shape.
/// </summary>
public sealed record SecretShapeAnnotation(Func<string> NewValue) : IResourceAnnotation
{
    /// <summary>The prefix then 192 random bits in hex; the default "Ar-1" also satisfies password policies that want every character class.</summary>
    public static SecretShapeAnnotation Prefixed(string prefix = "Ar-1") => new(() => prefix + GeneratedSecret.Hex(24));

    /// <summary>An AES-256 master key: 32 random bytes, base64 (what `openssl rand -base64 32` prints).</summary>
    public static SecretShapeAnnotation Key256 { get; } = new(() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
}
