using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Airadcr.Dicom.Network.Server;

/// <summary>A DICOM acceptor (SCP): listens on a TCP port and serves each connection as one association with
/// <see cref="IDicomServiceHandler"/>. Start with <see cref="Start"/>; dispose to stop (open associations are aborted).
/// Until its A-ASSOCIATE-RQ arrives (within <see cref="DicomServerOptions.AssociationRequestTimeout"/>) a connection is
/// only pending (<see cref="PendingConnections"/>): it holds no association slot, so idle or trickling sockets cannot
/// lock peers out.</summary>
public sealed class DicomServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly DicomServerOptions _options;
    private readonly IDicomServiceHandler _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private readonly HashSet<Task> _associations = [];
    private readonly PendingConnections _pending;
    private readonly ILogger _logger;
    private readonly RepeatedEvent _evictions;
    private readonly RepeatedEvent _closedWithoutRequest;
    private int _active;
    private long _total;

    private DicomServer(DicomServerOptions options, IDicomServiceHandler handler, ILogger? logger)
    {
        AeTitleCheck(options);
        _options = options;
        _handler = handler;
        _logger = logger ?? NullLogger.Instance;
        _pending = new PendingConnections(options.MaxPendingConnections, options.MaxPendingConnectionsPerAddress);
        _evictions = new RepeatedEvent(options.TimeProvider, TimeSpan.FromSeconds(1));
        _closedWithoutRequest = new RepeatedEvent(options.TimeProvider, TimeSpan.FromSeconds(1));
        _listener = new TcpListener(options.BindAddress, options.Port);
        _listener.Start(backlog: 128);
        Port = ((System.Net.IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The port actually listened on.</summary>
    public int Port { get; }

    /// <summary>Associations being served now (from their A-ASSOCIATE-RQ on).</summary>
    public int ActiveAssociations => Volatile.Read(ref _active);

    /// <summary>Connections accepted whose A-ASSOCIATE-RQ has not arrived yet.</summary>
    public int PendingConnections => _pending.Count;

    /// <summary>Connections accepted since start.</summary>
    public long TotalAssociations => Interlocked.Read(ref _total);

    /// <summary>Starts listening; <paramref name="logger"/> gets rejects, evictions and timeouts (no data set content).</summary>
    public static DicomServer Start(DicomServerOptions options, IDicomServiceHandler handler, ILogger? logger = null) =>
        new(options, handler, logger);

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

            var task = ServeAsync(socket, Interlocked.Increment(ref _total));
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

    private async Task ServeAsync(Socket socket, long id)
    {
        var remote = socket.RemoteEndPoint;
        using var pending = Admit((remote as IPEndPoint)?.Address ?? IPAddress.None);
        var slotTaken = false;
        try
        {
            await Task.Yield();
            socket.NoDelay = true;
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (_options.TlsCertificate is { } certificate)
            {
                stream = await AuthenticateAsync(stream, certificate, pending.Token).ConfigureAwait(false);
            }

            var connection = new DicomConnection(stream, _options);
            await new ServerAssociation(id, connection, _options, _handler, remote, pending, TakeSlot, _logger, _closedWithoutRequest)
                .RunAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException or SocketException)
        {
            socket.Dispose();
        }
        finally
        {
            if (slotTaken)
            {
                Interlocked.Decrement(ref _active);
            }
        }

        bool TakeSlot()
        {
            slotTaken = true;
            return Interlocked.Increment(ref _active) <= _options.MaxAssociations;
        }
    }

    /// <summary>The new connection joins the pending ones, evicting the oldest at a limit.</summary>
    private PendingConnection Admit(IPAddress address)
    {
        var (added, evicted) = _pending.Add(address, _stopping.Token);
        if (evicted is not null && _evictions.Occurred(out var count))
        {
            _logger.PendingConnectionEvicted(evicted.Address, count, _pending.FromAddress(evicted.Address), _options.MaxPendingConnectionsPerAddress,
                _pending.Count, _options.MaxPendingConnections);
        }

        return added;
    }

    private async Task<Stream> AuthenticateAsync(Stream stream, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate,
        CancellationToken pending)
    {
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        using var timer = new CancellationTokenSource(_options.AssociationRequestTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, pending);
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
