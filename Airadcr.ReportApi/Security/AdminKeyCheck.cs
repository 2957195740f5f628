using System.Security.Cryptography;
using System.Text;
using Airadcr.ReportApi.Configuration;

namespace Airadcr.ReportApi.Security;

/// <summary>Checks X-Admin-Key against AIRADCR_ADMIN_KEY in constant time; no admin key configured means no admin access.</summary>
public sealed class AdminKeyCheck(DesktopEnvironment environment)
{
    private readonly byte[]? expectedHash = environment.AdminKey is { } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : null;

    public bool IsConfigured => expectedHash is not null;

    public bool IsValid(string? presented) =>
        expectedHash is not null && presented is not null &&
        CryptographicOperations.FixedTimeEquals(expectedHash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
