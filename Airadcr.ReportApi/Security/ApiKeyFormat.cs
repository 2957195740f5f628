using System.Security.Cryptography;
using System.Text;

namespace Airadcr.ReportApi.Security;

/// <summary>
/// API keys are <c>airadcr_</c> followed by at least 32 URL-safe random characters. The 8 characters after the
/// marker are the lookup prefix stored in clear; the whole key is stored only as its SHA-256 hash.
/// </summary>
public static class ApiKeyFormat
{
    public const string Marker = "airadcr_";
    public const int MinSecretLength = 32;
    public const int PrefixLength = 8;
    private const int GeneratedRandomBytes = 30; // 40 base64url characters

    public static string Generate()
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(GeneratedRandomBytes))
            .Replace('+', '-').Replace('/', '_').TrimEnd('=');
        return Marker + secret;
    }

    public static bool IsWellFormed(string? key)
    {
        if (key is null || !key.StartsWith(Marker, StringComparison.Ordinal) ||
            key.Length < Marker.Length + MinSecretLength)
        {
            return false;
        }

        foreach (var c in key.AsSpan(Marker.Length))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The lookup prefix of a well-formed key.</summary>
    public static string PrefixOf(string key) => key.Substring(Marker.Length, PrefixLength);

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Constant-time comparison of two hex hashes.</summary>
    public static bool HashesMatch(string expectedHash, string actualHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expectedHash), Encoding.ASCII.GetBytes(actualHash));
}
