namespace Airadcr.ReportApi.Configuration;

/// <summary>
/// The AIRADCR_* environment variables (read through IConfiguration, so tests and hosts can set them too).
/// </summary>
public sealed record DesktopEnvironment(
    string DataDirectory,
    string ConfigPath,
    string? AdminKey,
    string? ProductionApiKey,
    bool IsProduction,
    string? DataKey,
    string? TeoHubToken)
{
    public const int MinimumAdminKeyLength = 32;

    public static DesktopEnvironment From(IConfiguration configuration)
    {
        var dataDirectory = configuration["AIRADCR_DATA_DIR"] is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "airadcr-desktop");
        var configPath = configuration["AIRADCR_CONFIG"] is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(dataDirectory, "config.toml");
        return new DesktopEnvironment(
            dataDirectory,
            configPath,
            NullIfEmpty(configuration["AIRADCR_ADMIN_KEY"]),
            NullIfEmpty(configuration["AIRADCR_PROD_API_KEY"]),
            string.Equals(configuration["AIRADCR_ENV"], "production", StringComparison.OrdinalIgnoreCase),
            NullIfEmpty(configuration["AIRADCR_DATA_KEY"]),
            NullIfEmpty(configuration["AIRADCR_TEO_HUB_TOKEN"]));
    }

    /// <summary>Fails start-up, with the variable named, on a missing or weak admin key in production.</summary>
    public void EnsureValid()
    {
        if (AdminKey is not null && AdminKey.Length < MinimumAdminKeyLength)
        {
            throw new InvalidOperationException(
                $"AIRADCR_ADMIN_KEY must be at least {MinimumAdminKeyLength} characters long.");
        }

        if (IsProduction && AdminKey is null)
        {
            throw new InvalidOperationException(
                $"AIRADCR_ADMIN_KEY is required when AIRADCR_ENV=production (at least {MinimumAdminKeyLength} characters).");
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
