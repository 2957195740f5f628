namespace Airadcr.Web.Configuration;

/// <summary>Section <c>Web</c>: how the dashboard reaches the other services and how it treats sessions.</summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>Service discovery name of the ReportApi (<c>services:reportapi:http:0</c> says where it listens).</summary>
    public string ReportApiUrl { get; set; } = "http://reportapi";

    /// <summary>X-API-Key the Web uses for the Desktop API (reports, navigation stream).</summary>
    public string? ReportApiKey { get; set; }

    /// <summary>X-Admin-Key for /api-keys and the report listing (AIRADCR_ADMIN_KEY of the ReportApi).</summary>
    public string? ReportApiAdminKey { get; set; }

    /// <summary>Service discovery name of the gateway (<c>services:dicomgateway:http:0</c>).</summary>
    public string GatewayUrl { get; set; } = "http://dicomgateway";

    /// <summary>X-Admin-Key for the gateway's /admin API and signed-report upload (its Gateway:AdminKey).</summary>
    public string? GatewayAdminKey { get; set; }

    /// <summary>Users, audit and review drafts (SQLite file <c>web.db</c>) live here unless ConnectionStrings:webdb is set.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>A signed-in user with no activity for this long is signed out.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the worklist asks the ReportApi whether reports arrived.</summary>
    public TimeSpan WorklistPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Addresses of reverse proxies on other hosts that terminate TLS and whose <c>X-Forwarded-Proto</c>/<c>-For</c> are
    /// believed (besides loopback, always trusted). Anybody else's forwarded headers are ignored.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Organisation printed on signed reports.</summary>
    public string? Organization { get; set; }

    public string ResolveDataDirectory() => string.IsNullOrWhiteSpace(DataDirectory)
        ? Path.Combine(Environment.GetEnvironmentVariable("AIRADCR_DATA_DIR") is { Length: > 0 } dir
            ? dir
            : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "web")
        : DataDirectory;
}

/// <summary>Section <c>Web:FirstAdmin</c> (environment <c>AIRADCR_WEB_ADMIN_USER</c> / <c>AIRADCR_WEB_ADMIN_PASSWORD</c>).</summary>
public sealed class FirstAdminOptions
{
    public const string SectionName = "Web:FirstAdmin";

    public string? UserName { get; set; }
    public string? Password { get; set; }
}
