using System.Net;
using Airadcr.LocalServers;
using Airadcr.ReportApi.Configuration;
using Airadcr.ReportApi.Logging;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Airadcr.ReportApi;

/// <summary>
/// Desktop mode listens on 127.0.0.1 only, on http_port, else the next port, else the one after (8741 -> 8742 ->
/// 8743), and logs which. An explicit ASPNETCORE_URLS / --urls (server mode) replaces this.
/// </summary>
public static class DesktopListener
{
    public const int FallbackPorts = 2;

    public static WebApplicationBuilder UseDesktopListener(this WebApplicationBuilder builder)
    {
        if (!string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            return builder;
        }

        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<DesktopOptions>, ILoggerFactory>((kestrel, desktop, loggers) =>
                kestrel.Listen(IPAddress.Loopback, ChoosePort(desktop.Value.HttpPort, loggers.CreateLogger(typeof(DesktopListener).FullName!))));
        return builder;
    }

    /// <summary>The first free port of http_port, http_port + 1, http_port + 2.</summary>
    public static int ChoosePort(int preferred, ILogger logger)
    {
        for (var port = preferred; port <= preferred + FallbackPorts; port++)
        {
            if (LoopbackPort.IsFree(port))
            {
                if (port != preferred)
                {
                    logger.PortFallback(preferred, port);
                }

                logger.ListeningOn(port);
                return port;
            }
        }

        throw new InvalidOperationException(
            $"Ports {preferred}-{preferred + FallbackPorts} on 127.0.0.1 are all in use (http_port in config.toml).");
    }
}
