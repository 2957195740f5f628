using Airadcr.ReportApi.Configuration;
using Microsoft.Extensions.Options;

namespace Airadcr.ReportApi.Security;

/// <summary>
/// Who may address the API, against DNS rebinding: the Host names it answers (loopback, the listen addresses'
/// names, allowed_hosts) and the browser origins it serves (those on an answered host, iframe_url's, allowed_origins).
/// </summary>
public sealed class AllowedCallers
{
    private static readonly string[] Loopback = ["127.0.0.1", "localhost", "[::1]"];
    private static readonly string[] Wildcards = ["+", "*", "0.0.0.0", "[::]"];
    private readonly HashSet<string> origins;

    public AllowedCallers(IOptions<DesktopOptions> options, IConfiguration configuration)
    {
        var desktop = options.Value;
        Hosts = [.. Loopback.Concat(ListenHosts(configuration[WebHostDefaults.ServerUrlsKey])).Concat(desktop.AllowedHosts)
            .Select(host => host.Trim().ToLowerInvariant()).Where(host => host.Length > 0).Distinct()];
        origins = new HashSet<string>(desktop.AllowedOrigins.Append(desktop.IframeUrl).Select(OriginOf).OfType<string>(),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Host names (without port) answered; HostFiltering refuses the others.</summary>
    public IReadOnlyList<string> Hosts { get; }

    /// <summary>True for an origin on an answered host, iframe_url's origin or one of allowed_origins.</summary>
    public bool IsAllowedOrigin(string origin) =>
        origins.Contains(origin.TrimEnd('/')) ||
        (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" &&
         Hosts.Contains(uri.Host.ToLowerInvariant()));

    /// <summary>The host names of ASPNETCORE_URLS / --urls (wildcard addresses add none).</summary>
    private static IEnumerable<string> ListenHosts(string? urls) =>
        (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => BindingAddress.Parse(url).Host)
            .Where(host => !Wildcards.Contains(host));

    private static string? OriginOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
