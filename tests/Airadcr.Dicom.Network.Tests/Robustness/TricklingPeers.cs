using System.Net.Sockets;

namespace Airadcr.Dicom.Network.Tests.Robustness;

/// <summary>Sockets that send an A-ASSOCIATE-RQ one byte at a time, a byte every 100 ms each, until disposed (a "slow
/// loris" peer: the header announces 16 KiB, zeros follow). Sockets the server closes are left closed. The gateway's
/// tests and the memory bench link this file.</summary>
public sealed class TricklingPeers : IAsyncDisposable
{
    private static readonly byte[] RequestHeader = [0x01, 0x00, 0x00, 0x00, 0x40, 0x00];
    private readonly List<Socket> _sockets;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private TricklingPeers(List<Socket> sockets)
    {
        _sockets = sockets;
        _loop = TrickleAsync(_stop.Token);
    }

    /// <summary>Sockets whose connection is still open.</summary>
    public int Open => _sockets.Count(s => s.Connected);

    public static async Task<TricklingPeers> OpenAsync(int port, int count, CancellationToken cancellationToken)
    {
        var sockets = new List<Socket>(count);
        for (var i = 0; i < count; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            sockets.Add(socket);
            await socket.ConnectAsync("127.0.0.1", port, cancellationToken);
            await TrySendAsync(socket, RequestHeader[0], cancellationToken);
        }

        return new TricklingPeers(sockets);
    }

    private async Task TrickleAsync(CancellationToken stop)
    {
        for (var next = 1; !stop.IsCancellationRequested; next++)
        {
            foreach (var socket in _sockets)
            {
                await TrySendAsync(socket, next < RequestHeader.Length ? RequestHeader[next] : (byte)0, stop);
            }

            await Task.Delay(100, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static async Task TrySendAsync(Socket socket, byte value, CancellationToken cancellationToken)
    {
        try
        {
            await socket.SendAsync(new[] { value }, SocketFlags.None, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Closed by the server (evicted or timed out): a trickling peer has nothing to do about it.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _stop.Dispose();
    }
}
