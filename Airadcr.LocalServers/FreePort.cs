using System.Net;
using System.Net.Sockets;

namespace Airadcr.LocalServers;

/// <summary>
/// Free TCP ports on the loopback interface, for servers started a moment later. Taken below Linux's ephemeral range
/// (32768-60999): a port the kernel handed out for "any port" could otherwise be reused as the source port of an
/// outgoing connection before the server binds it. Random, never twice in this process, and never one that another
/// process holds from here: each port given is locked (flock) in <see cref="ReservationDirectory"/> for as long as
/// this process runs, so parallel test assemblies or AppHosts cannot both pick it between its probe and its bind.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int End = 32768;
    private static readonly HashSet<int> Given = [];
    private static readonly List<FileStream> Reservations = [];

    /// <summary>Where the lock files of the ports given live (one empty file per port, kept: deleting one would race).</summary>
    public static string ReservationDirectory { get; } = Path.Combine(Path.GetTempPath(), "airadcr-ports");

    public static int Next()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(First, End);
                if (!Given.Contains(port) && IsFree(port) && Reserve(port))
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

    /// <summary>Locks the port's file for this process; false when another process holds it.</summary>
    private static bool Reserve(int port)
    {
        try
        {
            Directory.CreateDirectory(ReservationDirectory);
            Reservations.Add(new FileStream(Path.Combine(ReservationDirectory, $"{port}.lock"), FileMode.OpenOrCreate,
                FileAccess.ReadWrite, FileShare.None));
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Whether a listener could bind this loopback port now.</summary>
    public static bool IsFree(int port) => LoopbackPort.IsFree(port);
}
