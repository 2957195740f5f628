using System.Net;
using System.Net.Sockets;

namespace Airadcr.LocalServers;

/// <summary>
/// Whether a listener could bind a loopback port now. The one probe of the solution: compiled into
/// Airadcr.LocalServers (free ports for local servers) and, as linked source, into the ReportApi (its desktop port
/// fallback), which does not depend on Airadcr.LocalServers.
/// </summary>
internal static class LoopbackPort
{
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
