using Airadcr.ReportApi.Configuration;
using Airadcr.ReportApi.Logging;
using Airadcr.ReportApi.Security;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

namespace Airadcr.ReportApi;

/// <summary>
/// The desktop's run contract: AIRADCR_* variables, the data directory (owner-only), config.toml as a
/// configuration source (above appsettings, below environment variables), log level and daily log files.
/// </summary>
public static class DesktopConfiguration
{
    public static DesktopEnvironment AddDesktopConfiguration(this WebApplicationBuilder builder)
    {
        var environment = DesktopEnvironment.From(builder.Configuration);
        environment.EnsureValid();
        OwnerOnlyDirectory.Create(environment.DataDirectory);

        var sources = builder.Configuration.Sources;
        var lastJson = sources.Select((source, index) => (source, index)).LastOrDefault(s => s.source is JsonConfigurationSource).index;
        sources.Insert(lastJson + 1, new TomlConfigurationSource(environment.ConfigPath));

        builder.Services.AddSingleton(environment);
        builder.Services.AddSingleton<IValidateOptions<DesktopOptions>, DesktopOptionsValidator>();
        builder.Services.AddOptions<DesktopOptions>().BindConfiguration(DesktopOptions.SectionName).ValidateOnStart();

        var options = builder.Configuration.GetSection(DesktopOptions.SectionName).Get<DesktopOptions>() ?? new DesktopOptions();
        builder.Logging.SetMinimumLevel(ToLogLevel(options.LogLevel));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddProvider(new DataDirectoryFileLoggerProvider(
            Path.Combine(environment.DataDirectory, "logs"), options.LogRetentionDays, TimeProvider.System));
        return environment;
    }

    private static LogLevel ToLogLevel(string level) => level.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" => LogLevel.Critical,
        "off" => LogLevel.None,
        _ => LogLevel.Information,
    };
}
