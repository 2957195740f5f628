using System.Net;
using System.Net.Sockets;

namespace Airadcr.LocalServers;

/// <summary>
/// Free TCP ports on the loopback interface, for servers started a moment later. Taken below Linux's ephemeral range
/// (32768-60999): a port the kernel handed out for "any port" could otherwise be reused as the source port of an
/// outgoing connection before the server binds it. Random, so parallel processes rarely pick the same one, and
/// never twice in this process.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int End = 32768;
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(First, End);
                if (!Given.Contains(port) && IsFree(port))
                {
                    Given.Add(port);
                    return port;
                }
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether a listener could bind this loopback port now.</summary>
    public static bool IsFree(int port) => LoopbackPort.IsFree(port);
}
