using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Airadcr.DicomGateway.Tests;

/// <summary>
/// A network fault, not a service: accepts HTTP requests, records their bodies and never answers (an analysis that
/// hangs), so that a job stays running until the gateway is killed.
/// </summary>
internal sealed class HungHttpPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _held = [];
    private readonly Task _accepting;

    public HungHttpPeer()
    {
        _listener.Start();
        _accepting = AcceptAsync(_stop.Token);
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Every request body received, in arrival order.</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    private async Task AcceptAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(stop);
                _held.Add(client);
                _ = RecordAsync(client, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RecordAsync(TcpClient client, CancellationToken stop)
    {
        var received = new StringBuilder();
        var buffer = new byte[8192];
        try
        {
            var stream = client.GetStream();
            while (!stop.IsCancellationRequested)
            {
                var read = await stream.ReadAsync(buffer, stop);
                if (read == 0)
                {
                    return;
                }
                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
                var text = received.ToString();
                var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (headerEnd >= 0 && text.Length - headerEnd - 4 >= ContentLength(text[..headerEnd]))
                {
                    Bodies.Enqueue(text[(headerEnd + 4)..]);
                    received.Clear();
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    private static int ContentLength(string headers) =>
        headers.Split("\r\n").Select(line => line.Split(':', 2)).Where(parts => parts.Length == 2 &&
            parts[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(parts => int.Parse(parts[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        foreach (var client in _held)
        {
            client.Dispose();
        }
        _stop.Dispose();
    }
}
