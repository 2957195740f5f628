using System.Net;
using Airadcr.Web.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Airadcr.Web.Tests;

/// <summary>The framework's forwarded-headers middleware with the Web's configuration: whose X-Forwarded-Proto counts.</summary>
public sealed class TrustedProxyTests
{
    [Theory]
    [InlineData("127.0.0.1", new string[0], "https")]
    [InlineData("10.1.2.3", new string[0], "http")]
    [InlineData("10.1.2.3", new[] { "10.1.2.3" }, "https")]
    [InlineData("10.9.9.9", new[] { "10.1.2.3" }, "http")]
    public async Task Forwarded_https_is_believed_from_loopback_and_configured_proxies_only(string caller, string[] trusted, string scheme)
    {
        var middleware = new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance,
            Options.Create(TrustedProxyHeaders.For(new WebOptions { TrustedProxies = [.. trusted] })));
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(caller);
        context.Request.Scheme = "http";
        context.Request.Headers["X-Forwarded-Proto"] = "https";
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.7";

        await middleware.Invoke(context);

        Assert.Equal(scheme, context.Request.Scheme);
    }

    [Fact]
    public void A_proxy_that_is_not_an_address_fails_naming_the_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TrustedProxyHeaders.For(new WebOptions { TrustedProxies = ["proxy.example"] }));
        Assert.Contains("Web:TrustedProxies", error.Message, StringComparison.Ordinal);
    }
}
