using System.Security.Cryptography;

namespace Airadcr.LocalServers;

/// <summary>Secrets the local servers and the AppHost generate for a run: passwords, keys, instance ids.</summary>
public static class GeneratedSecret
{
    /// <summary><paramref name="randomBytes"/> bytes from the system's cryptographic generator, as lower-case hex.</summary>
    public static string Hex(int randomBytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(randomBytes));
}
