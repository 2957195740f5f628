using System.Security.Cryptography;

namespace Airadcr.ReportApi.Security;

/// <summary>
/// Finds the master data key: <c>AIRADCR_DATA_KEY</c> (base64 of 32 bytes) when set, else the key file in the data
/// directory, generated on first run with owner-only permissions (0600).
/// </summary>
public static class DataKeySource
{
    public const string EnvironmentVariable = "AIRADCR_DATA_KEY";
    public const string KeyFileName = "data.key";

    public static DataKeyRing Load(string? configuredKey, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configuredKey))
        {
            return new DataKeyRing(Decode(configuredKey, EnvironmentVariable));
        }

        var path = Path.Combine(dataDirectory, KeyFileName);
        if (File.Exists(path))
        {
            return new DataKeyRing(Decode(File.ReadAllText(path), path));
        }

        var key = RandomNumberGenerator.GetBytes(DataKeyRing.MasterKeyLength);
        WriteOwnerOnly(path, Convert.ToBase64String(key));
        return new DataKeyRing(key);
    }

    private static byte[] Decode(string text, string origin)
    {
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            if (key.Length == DataKeyRing.MasterKeyLength)
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }

        throw new InvalidOperationException(
            $"{origin} must hold a base64-encoded {DataKeyRing.MasterKeyLength}-byte key (e.g. `openssl rand -base64 32`).");
    }

    private static void WriteOwnerOnly(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }
}
