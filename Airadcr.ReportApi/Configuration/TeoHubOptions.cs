using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Airadcr.ReportApi.Configuration;

/// <summary>The [teo_hub] section: where the TÉO Hub AI server is. Its token comes from AIRADCR_TEO_HUB_TOKEN.</summary>
public sealed class TeoHubOptions
{
    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; }

    [ConfigurationKeyName("host"), Required]
    public string Host { get; set; } = "192.168.1.253";

    [ConfigurationKeyName("port"), Range(1, 65535)]
    public int Port { get; set; } = 54489;

    [ConfigurationKeyName("health_endpoint"), Required]
    public string HealthEndpoint { get; set; } = "th_health";

    [ConfigurationKeyName("get_report_endpoint"), Required]
    public string GetReportEndpoint { get; set; } = "th_get_ai_report";

    [ConfigurationKeyName("post_report_endpoint"), Required]
    public string PostReportEndpoint { get; set; } = "th_post_approved_report";

    [ConfigurationKeyName("timeout_secs"), Range(1, 600)]
    public int TimeoutSecs { get; set; } = 30;

    [ConfigurationKeyName("retry_count"), Range(0, 10)]
    public int RetryCount { get; set; } = 3;

    [ConfigurationKeyName("retry_delay_ms"), Range(0, 60_000)]
    public int RetryDelayMs { get; set; } = 1000;

    [ConfigurationKeyName("tls_enabled")]
    public bool TlsEnabled { get; set; }

    public Uri BaseAddress => new($"{(TlsEnabled ? "https" : "http")}://{Host}:{Port}/");
}
