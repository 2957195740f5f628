using Airadcr.Web.Configuration;
using Airadcr.Web.Gateway;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Airadcr.Web.Research;

/// <summary>
/// Forwards one request, already authorised by the caller, to a path of the gateway's research API with YARP's
/// forwarder: the body is streamed both ways (a ZIP of gigabytes is never held in memory), the browser's cookies and
/// Authorization are dropped and the Web's <c>X-Admin-Key</c> is added on the server. The gateway is reached through
/// the <see cref="ClientName"/> handler (service discovery resolves <c>http://dicomgateway</c>; no retries, no
/// timeout: a download lasts as long as it lasts).
/// </summary>
public sealed class ResearchForwarder(IHttpForwarder forwarder, IHttpMessageHandlerFactory handlers, IOptions<WebOptions> options)
{
    public const string ClientName = "research-forwarder";
    private const string ForwardedPrefixHeader = "X-Forwarded-Prefix";

    private static readonly ForwarderRequestConfig RequestConfig = new() { ActivityTimeout = TimeSpan.FromMinutes(2) };

    /// <summary>
    /// Sends the request to <paramref name="gatewayPath"/> (no leading '/', the query kept) and copies the answer back.
    /// <paramref name="forwardedPrefix"/>: where the Web serves that gateway root (<c>X-Forwarded-Prefix</c>: the
    /// gateway writes its DICOMweb <c>BulkDataURI</c>s under it). <paramref name="downloadName"/>: the file name the
    /// browser saves the answer as.
    /// </summary>
    public async Task ForwardAsync(HttpContext context, string gatewayPath, string? forwardedPrefix = null, string? downloadName = null)
    {
        using var invoker = new HttpMessageInvoker(handlers.CreateHandler(ClientName), disposeHandler: false);
        var transformer = new GatewayTransformer("/" + gatewayPath, options.Value.GatewayAdminKey, forwardedPrefix, downloadName);
        await forwarder.SendAsync(context, options.Value.GatewayUrl, invoker, RequestConfig, transformer);
    }

    private sealed class GatewayTransformer(string path, string? adminKey, string? forwardedPrefix, string? downloadName) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest,
            string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.Remove("Cookie");
            proxyRequest.Headers.Authorization = null;
            proxyRequest.Headers.Remove(GatewayClient.AdminKeyHeader);
            if (!string.IsNullOrEmpty(adminKey))
            {
                proxyRequest.Headers.Add(GatewayClient.AdminKeyHeader, adminKey);
            }
            proxyRequest.Headers.Remove(ForwardedPrefixHeader);
            if (forwardedPrefix is not null)
            {
                proxyRequest.Headers.Add(ForwardedPrefixHeader, forwardedPrefix);
            }
            proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, path, httpContext.Request.QueryString);
        }

        public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse,
            CancellationToken cancellationToken)
        {
            var copy = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
            var headers = httpContext.Response.Headers;
            headers.Remove("Set-Cookie");
            headers.Remove("WWW-Authenticate");
            if (downloadName is not null && proxyResponse?.IsSuccessStatusCode == true)
            {
                headers.ContentDisposition = $"attachment; filename=\"{downloadName}\"";
            }
            return copy;
        }
    }
}
