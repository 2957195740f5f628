using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Airadcr.Web.Configuration;

/// <summary>
/// Whose <c>X-Forwarded-Proto</c>/<c>-For</c> the Web believes: a reverse proxy on this host (loopback, always) and the
/// addresses in <c>Web:TrustedProxies</c> (a TLS-terminating proxy on another host). Anybody else's are ignored, so a
/// client cannot claim HTTPS (and the secure cookies that go with it) for itself.
/// </summary>
public static class TrustedProxyHeaders
{
    public static ForwardedHeadersOptions For(WebOptions options)
    {
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        foreach (var proxy in options.TrustedProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"config key 'Web:TrustedProxies' holds '{proxy}', which is not an IP address"));
        }
        return forwarded;
    }
}
