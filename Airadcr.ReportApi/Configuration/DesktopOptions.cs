using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Airadcr.ReportApi.Configuration;

/// <summary>
/// The settings of the spec's section 11 (config.toml), under the configuration section "Airadcr" so they also
/// come from appsettings or environment variables (Airadcr__http_port) in server mode.
/// </summary>
public sealed class DesktopOptions
{
    public const string SectionName = "Airadcr";

    [ConfigurationKeyName("http_port"), Range(1, 65533)]
    public int HttpPort { get; set; } = 8741;

    [ConfigurationKeyName("log_level"), RegularExpression("^(trace|debug|info|warn|warning|error|critical|off)$")]
    public string LogLevel { get; set; } = "info";

    [ConfigurationKeyName("log_retention_days"), Range(1, 3650)]
    public int LogRetentionDays { get; set; } = 30;

    [ConfigurationKeyName("report_retention_hours"), Range(1, 720)]
    public int ReportRetentionHours { get; set; } = 24;

    [ConfigurationKeyName("iframe_url"), Url]
    public string IframeUrl { get; set; } = "https://airadcr.com/app?tori=true";

    [ConfigurationKeyName("backup_enabled")]
    public bool BackupEnabled { get; set; } = true;

    [ConfigurationKeyName("backup_retention_days"), Range(1, 3650)]
    public int BackupRetentionDays { get; set; } = 7;

    [ConfigurationKeyName("cleanup_interval_secs"), Range(1, 86400)]
    public int CleanupIntervalSecs { get; set; } = 3600;

    [ConfigurationKeyName("require_auth_for_reads")]
    public bool RequireAuthForReads { get; set; }

    [ConfigurationKeyName("rate_limit_per_minute"), Range(0, 1_000_000)]
    public int RateLimitPerMinute { get; set; } = 60;

    [ConfigurationKeyName("rate_limit_burst"), Range(1, 1_000_000)]
    public int RateLimitBurst { get; set; } = 60;

    /// <summary>
    /// Host names answered besides the listen address's and loopback's (127.0.0.1, localhost, [::1]): the names
    /// clients use in server mode (<c>reportapi</c> in docker-compose). Any other Host header is refused.
    /// </summary>
    [ConfigurationKeyName("allowed_hosts")]
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>Browser origins answered besides iframe_url's and those on an allowed host; any other Origin is refused.</summary>
    [ConfigurationKeyName("allowed_origins")]
    public string[] AllowedOrigins { get; set; } = [];

    [ConfigurationKeyName("teo_hub")]
    public TeoHubOptions TeoHub { get; set; } = new();

    /// <summary>The iframe URL that opens a report: <c>iframe_url</c> plus <c>&amp;tid=</c>.</summary>
    public string ReportUrl(string technicalId) =>
        IframeUrl + (IframeUrl.Contains('?', StringComparison.Ordinal) ? "&tid=" : "?tid=") + Uri.EscapeDataString(technicalId);
}
