using System.Security.Cryptography;
using System.Text;

namespace Airadcr.DicomGateway.Research;

/// <summary>
/// The keys of the research tables, derived (HKDF-SHA256) from one 256-bit master key as the ReportApi derives its
/// own (<c>Airadcr.ReportApi/Security/DataKeySource.cs</c>), with other labels: one AES-256-GCM key, one HMAC-SHA256 key
/// for the blind indexes. The master key comes from <c>Gateway:Research:DataKey</c>, else <c>AIRADCR_DATA_KEY</c> (base64
/// of 32 bytes), else, in embedded mode, the key file <c>research.key</c> in the storage folder, generated with mode 0600
/// on first use. In server mode (PostgreSQL) no key file is made: several gateways share the database, so the key must
/// come from configuration, and the research API answers 503 until it does.
/// </summary>
public sealed class ResearchKeys
{
    public const int MasterKeyLength = 32;
    public const string KeyFileName = "research.key";
    public const string EnvironmentVariable = "AIRADCR_DATA_KEY";

    public ResearchKeys(byte[] masterKey)
    {
        if (masterKey.Length != MasterKeyLength)
        {
            throw new ArgumentException($"The data key must be {MasterKeyLength} bytes.", nameof(masterKey));
        }
        _masterKey = (byte[])masterKey.Clone();
        EncryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: Encoding.ASCII.GetBytes("airadcr/research/aes-256-gcm/v1"));
        IndexKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: Encoding.ASCII.GetBytes("airadcr/research/blind-index/v1"));
    }

    private readonly byte[] _masterKey;

    public byte[] EncryptionKey { get; }

    /// <summary>Another 256-bit key from the same master key, for another use (<paramref name="label"/>, e.g.
    /// <c>airadcr/archives/credentials/v1</c>): one data key protects everything the gateway seals at rest.</summary>
    public byte[] DeriveKey(string label) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _masterKey, 32, info: Encoding.ASCII.GetBytes(label));

    public byte[] IndexKey { get; }

    /// <summary>The configured key, else (embedded mode) the key file, created when absent; null in server mode without a key.</summary>
    public static ResearchKeys? Load(string? configuredKey, string storageRoot, bool serverMode)
    {
        if (!string.IsNullOrWhiteSpace(configuredKey))
        {
            return new ResearchKeys(Decode(configuredKey, "Gateway:Research:DataKey / " + EnvironmentVariable));
        }
        if (serverMode)
        {
            return null;
        }
        var path = Path.Combine(storageRoot, KeyFileName);
        if (File.Exists(path))
        {
            return new ResearchKeys(Decode(File.ReadAllText(path), path));
        }
        var key = RandomNumberGenerator.GetBytes(MasterKeyLength);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(key));
        }
        return new ResearchKeys(key);
    }

    private static byte[] Decode(string text, string origin)
    {
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            if (key.Length == MasterKeyLength)
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }
        throw new InvalidOperationException(
            $"{origin} must hold a base64-encoded {MasterKeyLength}-byte key (e.g. `openssl rand -base64 32`).");
    }
}
