using System.Net;
using System.Net.Sockets;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests.Archives;

/// <summary>How a <see cref="MisbehavingArchive"/> answers an association.</summary>
public enum Misbehaviour
{
    /// <summary>Reads the A-ASSOCIATE-RQ, answers A-ABORT and closes.</summary>
    AbortsAssociation,

    /// <summary>Accepts the TCP connection and never sends a byte.</summary>
    NeverAnswers,

    /// <summary>Accepts the association and the C-FIND, then sends pending responses (one study each) forever.</summary>
    PendingForever,

    /// <summary>Accepts the association and the C-FIND, then sends a pending response whose identifier is not a data set.</summary>
    MalformedIdentifier,

    /// <summary>Accepts the association and the C-FIND, sends one good match, then drops the connection (a partial answer).</summary>
    DropsMidAnswer,
}

/// <summary>
/// A DICOM peer that misbehaves on purpose, on a loopback port: built from our PDU and DIMSE classes over a raw socket
/// (<see cref="Misbehaviour"/>). Each pending response it sends carries a Study Instance UID starting with
/// <see cref="UidRoot"/>.
/// </summary>
public sealed class MisbehavingArchive : IAsyncDisposable
{
    public const string UidRoot = "1.2.826.0.1.3680043.9.7777.";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    private readonly Task _accepting;

    /// <param name="pendingInterval">Pause between two pending responses (20 ms when not given; zero floods the requestor, to reach its answer cap).</param>
    public MisbehavingArchive(Misbehaviour behaviour, string aeTitle, TimeSpan? pendingInterval = null)
    {
        Behaviour = behaviour;
        _pendingInterval = pendingInterval ?? TimeSpan.FromMilliseconds(20);
        AeTitle = aeTitle;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public Misbehaviour Behaviour { get; }

    public string AeTitle { get; }

    public int Port { get; }

    /// <summary>Pending responses sent so far (all connections).</summary>
    public int PendingSent => _pendingSent;

    private int _pendingSent;

    private readonly TimeSpan _pendingInterval;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            socket.NoDelay = true;
            lock (_sockets)
            {
                _sockets.Add(socket);
            }
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            using var stream = new NetworkStream(socket, ownsSocket: true);
            if (Behaviour == Misbehaviour.NeverAnswers)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
                return;
            }
            var reader = new PduReader(stream, 0);
            var request = Assert.IsType<AssociateRequestPdu>(await reader.ReadAsync(_stop.Token));
            if (Behaviour == Misbehaviour.AbortsAssociation)
            {
                await stream.WriteAsync(PduEncoder.Encode(new AbortPdu(AbortSource.ServiceProvider, AbortReason.NotSpecified)), _stop.Token);
                return;
            }
            // Every proposed context is accepted (Explicit VR LE when offered); the answers go on the C-FIND's own context.
            var accepted = request.PresentationContexts.ToDictionary(p => p.Id, p => DicomTransferSyntax.Lookup(
                p.TransferSyntaxes.Contains(DicomUids.ExplicitVRLittleEndian) ? DicomUids.ExplicitVRLittleEndian : p.TransferSyntaxes[0]));
            await stream.WriteAsync(PduEncoder.Encode(new AssociateAcceptPdu(request.CalledAe, request.CallingAe,
                [.. accepted.Select(a => new PresentationContextResult(a.Key, PresentationContextOutcome.Acceptance, a.Value.Uid))],
                new UserInformation { MaxPduLength = 16384 })), _stop.Token);
            var (find, contextId) = await ReadFindAsync(reader);
            var syntax = accepted[contextId];
            for (var match = 0; ; match++)
            {
                byte[] identifier = Behaviour == Misbehaviour.MalformedIdentifier
                    ? [0x10, 0x00, 0x10, 0x00, 0xFF, 0xFF, 0xFF, 0x7F, 0x41]
                    : DicomDatasetWriter.ToArray(new DicomDataset().Add(DicomTag.QueryRetrieveLevel, "STUDY")
                        .Add(DicomTag.StudyInstanceUID, UidRoot + match).Add(DicomTag.PatientName, "MISBEHAVING^PEER"), syntax);
                var response = DimseCommand.Response(find, DicomStatus.Pending, hasDataSet: true);
                await stream.WriteAsync(PduEncoder.Encode(new DataTransferPdu([new PresentationDataValue(contextId, true, true, response.Encode())])), _stop.Token);
                await stream.WriteAsync(PduEncoder.Encode(new DataTransferPdu([new PresentationDataValue(contextId, false, true, identifier)])), _stop.Token);
                Interlocked.Increment(ref _pendingSent);
                if (Behaviour == Misbehaviour.DropsMidAnswer)
                {
                    socket.Close(0);
                    return;
                }
                if (Behaviour == Misbehaviour.MalformedIdentifier)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
                if (_pendingInterval > TimeSpan.Zero)
                {
                    await Task.Delay(_pendingInterval, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException or EndOfStreamException)
        {
        }
    }

    /// <summary>Reads a C-FIND-RQ's command and its identifier; returns the command and its presentation context.</summary>
    private async Task<(DimseCommand Command, byte ContextId)> ReadFindAsync(PduReader reader)
    {
        DimseCommand? command = null;
        byte contextId = 0;
        var identifierDone = false;
        while (command is null || !identifierDone)
        {
            var pdu = Assert.IsType<DataTransferPdu>(await reader.ReadAsync(_stop.Token));
            foreach (var value in pdu.Values)
            {
                if (value.IsCommand && value.IsLast)
                {
                    command = DimseCommand.Decode(value.Data.ToArray());
                    contextId = value.PresentationContextId;
                }
                else if (!value.IsCommand && value.IsLast)
                {
                    identifierDone = true;
                }
            }
        }
        return (command, contextId);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
        }
        await _accepting;
        _stop.Dispose();
    }
}
