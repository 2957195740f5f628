using System.Net;
using Airadcr.Dicom.Network.Server;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Logging;
using Airadcr.DicomGateway.Storage;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Dicom;

/// <summary>Runs the DICOM SCP (C-ECHO, C-STORE) for the lifetime of the service, after the storage's start-up recovery.</summary>
public sealed class DicomScpService(
    GatewayStorageHandler handler,
    StorageRecovery recovery,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<DicomScpService> logger) : IHostedService, IAsyncDisposable
{
    private DicomServer? _server;

    /// <summary>The port listened on (differs from the configured one when that was 0).</summary>
    public int Port => _server?.Port ?? throw new InvalidOperationException("The SCP is not started");

    public int ActiveAssociations => _server?.ActiveAssociations ?? 0;

    public long TotalAssociations => _server?.TotalAssociations ?? 0;

    /// <summary>Connections accepted whose A-ASSOCIATE-RQ has not arrived yet.</summary>
    public int PendingConnections => _server?.PendingConnections ?? 0;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await recovery.RecoverAsync(cancellationToken);
        _server = DicomServer.Start(new DicomServerOptions
        {
            AeTitle = settings.AeTitle,
            Port = settings.Port,
            BindAddress = IPAddress.Parse(settings.BindAddress),
            MaxAssociations = settings.MaxAssociations,
            AssociationTimeout = TimeSpan.FromSeconds(settings.AssociationTimeoutSeconds),
            AssociationRequestTimeout = TimeSpan.FromSeconds(settings.AssociationRequestTimeoutSeconds),
            MaxPendingConnections = settings.MaxPendingConnections,
            MaxPendingConnectionsPerAddress = settings.MaxPendingConnectionsPerAddress,
            IdleTimeout = TimeSpan.FromSeconds(settings.IdleTimeoutSeconds),
            WriteTimeout = TimeSpan.FromSeconds(settings.WriteTimeoutSeconds),
            TimeProvider = time,
        }, handler, loggers.CreateLogger<DicomServer>());
        logger.ScpListening(settings.AeTitle, settings.BindAddress, _server.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync();
        }
    }
}
