using System.Net.Security;
using System.Net.Sockets;

namespace Airadcr.Dicom.Network.Server;

/// <summary>A DICOM acceptor (SCP): listens on a TCP port and serves each connection as one association with
/// <see cref="IDicomServiceHandler"/>. Start with <see cref="Start"/>; dispose to stop (open associations are aborted).</summary>
public sealed class DicomServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly DicomServerOptions _options;
    private readonly IDicomServiceHandler _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private readonly HashSet<Task> _associations = [];
    private int _active;
    private long _total;

    private DicomServer(DicomServerOptions options, IDicomServiceHandler handler)
    {
        AeTitleCheck(options);
        _options = options;
        _handler = handler;
        _listener = new TcpListener(options.BindAddress, options.Port);
        _listener.Start(backlog: 128);
        Port = ((System.Net.IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The port actually listened on.</summary>
    public int Port { get; }

    /// <summary>Associations (connections) being served now.</summary>
    public int ActiveAssociations => Volatile.Read(ref _active);

    /// <summary>Connections accepted since start.</summary>
    public long TotalAssociations => Interlocked.Read(ref _total);

    public static DicomServer Start(DicomServerOptions options, IDicomServiceHandler handler) => new(options, handler);

    private static void AeTitleCheck(DicomServerOptions options) => Pdus.AeTitle.Validate(options.AeTitle);

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            Interlocked.Increment(ref _total);
            var task = ServeAsync(socket);
            lock (_associations)
            {
                _associations.Add(task);
            }

            _ = task.ContinueWith(t =>
            {
                lock (_associations)
                {
                    _associations.Remove(t);
                }
            }, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var count = Interlocked.Increment(ref _active);
        try
        {
            await Task.Yield();
            socket.NoDelay = true;
            var remote = socket.RemoteEndPoint;
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (_options.TlsCertificate is { } certificate)
            {
                stream = await AuthenticateAsync(stream, certificate).ConfigureAwait(false);
            }

            var connection = new DicomConnection(stream, _options);
            await new ServerAssociation(connection, _options, _handler, remote, () => count <= _options.MaxAssociations)
                .RunAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException or SocketException)
        {
            socket.Dispose();
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    private async Task<Stream> AuthenticateAsync(Stream stream, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        using var timer = new CancellationTokenSource(_options.AssociationTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, _stopping.Token);
        try
        {
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, linked.Token)
                .ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        Task[] running;
        lock (_associations)
        {
            running = [.. _associations];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
