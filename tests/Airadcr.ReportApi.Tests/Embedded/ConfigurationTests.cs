using System.Net;
using Airadcr.ReportApi.Configuration;
using Airadcr.ReportApi.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Airadcr.ReportApi.Tests.Embedded;

/// <summary>config.toml (spec section 11) and the AIRADCR_* variables.</summary>
public sealed class ConfigurationTests : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("airadcr-config-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_spec_config_toml_is_read_with_every_key()
    {
        var toml = SpecDocument.CodeBlock("toml", "[teo_hub]")
            .Replace("# require_auth_for_reads = true", "require_auth_for_reads = true", StringComparison.Ordinal)
            .Replace("iframe_url = \"https://airadcr.com/app?tori=true\"", "iframe_url = \"https://reports.example/app?tori=true\"", StringComparison.Ordinal)
            .Replace("report_retention_hours = 24", "report_retention_hours = 12", StringComparison.Ordinal);
        await using var api = Start(toml);

        var options = api.Service<IOptions<DesktopOptions>>().Value;
        Assert.True(options.RequireAuthForReads);
        Assert.Equal(12, options.ReportRetentionHours);
        Assert.Equal(3600, options.CleanupIntervalSecs);
        Assert.Equal(7, options.BackupRetentionDays);
        Assert.Equal(30, options.LogRetentionDays);
        Assert.Equal("192.168.1.253", options.TeoHub.Host);
        Assert.Equal(54489, options.TeoHub.Port);
        Assert.Equal("th_post_approved_report", options.TeoHub.PostReportEndpoint);
        Assert.False(options.TeoHub.Enabled);
        var stored = await (await api.CreateClient().WithApiKey().PostReportAsync(SampleReports.Minimal("FROM_TOML"))).JsonAsync();
        Assert.Equal("https://reports.example/app?tori=true&tid=FROM_TOML", (string?)stored["retrieval_url"]);
        Assert.Equal("2026-02-23T22:30:00Z", (string?)stored["expires_at"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync("/pending-report?tid=FROM_TOML", Token)).StatusCode);
    }

    [Fact]
    public async Task Environment_variables_override_config_toml()
    {
        await using var api = Start("report_retention_hours = 12\n", new Dictionary<string, string?> { ["Airadcr:report_retention_hours"] = "2" });

        Assert.Equal(2, api.Service<IOptions<DesktopOptions>>().Value.ReportRetentionHours);
    }

    [Theory]
    [InlineData("http_port = [oops", ".toml is not valid TOML")]
    [InlineData("htp_port = 8741\n", "unknown key 'htp_port'")]
    [InlineData("[teo_hub]\nretries = 3\n", "unknown key 'teo_hub.retries'")]
    [InlineData("http_port = 0\n", "config key 'http_port' is invalid")]
    [InlineData("cleanup_interval_secs = -5\n", "config key 'cleanup_interval_secs' is invalid")]
    [InlineData("iframe_url = \"not a url\"\n", "config key 'iframe_url' is invalid")]
    [InlineData("[teo_hub]\nport = 70000\n", "config key 'teo_hub.port' is invalid")]
    [InlineData("require_auth_for_reads = \"maybe\"\n", "Airadcr:require_auth_for_reads")]
    public void Start_up_fails_naming_the_invalid_key(string toml, string message)
    {
        var error = Assert.ThrowsAny<Exception>(() => { using var api = Start(toml); });

        Assert.Contains(message, Flatten(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("production", null, "AIRADCR_ADMIN_KEY is required when AIRADCR_ENV=production")]
    [InlineData("production", "too-short", "AIRADCR_ADMIN_KEY must be at least 32 characters long")]
    [InlineData("development", "too-short", "AIRADCR_ADMIN_KEY must be at least 32 characters long")]
    public void Start_up_fails_on_a_missing_or_short_admin_key_in_production(string environment, string? adminKey, string message)
    {
        var overrides = new Dictionary<string, string?> { ["AIRADCR_ENV"] = environment, ["AIRADCR_ADMIN_KEY"] = adminKey ?? "" };

        var error = Assert.ThrowsAny<Exception>(() => { using var api = Start("", overrides); });

        Assert.Contains(message, Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_fails_on_a_malformed_AIRADCR_PROD_API_KEY()
    {
        var error = Assert.ThrowsAny<Exception>(() => { using var api = Start("", new Dictionary<string, string?> { ["AIRADCR_PROD_API_KEY"] = "short" }); });

        Assert.Contains("AIRADCR_PROD_API_KEY must be 'airadcr_'", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_starts_with_a_long_admin_key()
    {
        await using var api = Start("", new Dictionary<string, string?> { ["AIRADCR_ENV"] = "production" });

        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().WithAdminKey().GetAsync("/api-keys", Token)).StatusCode);
    }

    private ReportApiFactory Start(string toml, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var path = Path.Combine(directory, $"config-{Guid.NewGuid():N}.toml");
        File.WriteAllText(path, toml);
        var settings = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>()) { ["AIRADCR_CONFIG"] = path };
        settings.Remove("Airadcr:rate_limit_per_minute");
        var api = new ReportApiFactory(new Dictionary<string, string?>(), settings, Path.Combine(directory, Guid.NewGuid().ToString("N")));
        _ = api.Services;
        return api;
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join(" | ", aggregate.InnerExceptions.Select(Flatten))
            : error.Message + (error.InnerException is { } inner ? " | " + Flatten(inner) : "");

    public async ValueTask DisposeAsync() => await ReportApiFactory.DeleteDirectoryAsync(directory);
}
