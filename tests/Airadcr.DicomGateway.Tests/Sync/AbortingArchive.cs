using System.Net;
using System.Net.Sockets;

namespace Airadcr.DicomGateway.Tests.Sync;

/// <summary>A misbehaving archive: it reads each A-ASSOCIATE-RQ's header and answers with an A-ABORT.</summary>
public sealed class AbortingArchive : IAsyncDisposable
{
    private static readonly byte[] Abort = [0x07, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x02, 0x00];

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public AbortingArchive()
    {
        _listener.Start();
        _loop = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task ServeAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var header = new byte[6];
                await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, _stop.Token);
                await stream.WriteAsync(Abort, _stop.Token);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or IOException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
