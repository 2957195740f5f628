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

    /// <summary>
    /// Answers C-FINDs like an archive holding one study (<see cref="MisbehavingArchive.StalledStudyUid"/>, the patient
    /// asked for, one series of two images); accepts a C-MOVE, sends two pending responses, then goes silent.
    /// </summary>
    StallsMidMove,
}

/// <summary>
/// A DICOM peer that misbehaves on purpose, on a loopback port: built from our PDU and DIMSE classes over a raw socket
/// (<see cref="Misbehaviour"/>). Each pending response it sends carries a Study Instance UID starting with
/// <see cref="UidRoot"/>.
/// </summary>
public sealed class MisbehavingArchive : IAsyncDisposable
{
    public const string UidRoot = "1.2.826.0.1.3680043.9.7777.";

    /// <summary>The study a <see cref="Misbehaviour.StallsMidMove"/> archive holds (its series: <c>.1</c>, its images: <c>.1.1</c>, <c>.1.2</c>).</summary>
    public const string StalledStudyUid = UidRoot + "9";

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

    /// <summary>C-MOVE requests received so far (all connections).</summary>
    public int MovesReceived => _movesReceived;

    private int _movesReceived;

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
            if (Behaviour == Misbehaviour.StallsMidMove)
            {
                await StallMidMoveAsync(stream, reader, accepted);
                return;
            }
            var (find, contextId, _) = await ReadRequestAsync(reader) ?? throw new EndOfStreamException("released before a request");
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

    /// <summary>Serves C-FINDs of its one study until a C-MOVE comes: two pending responses, then silence (until disposed).</summary>
    private async Task StallMidMoveAsync(NetworkStream stream, PduReader reader, Dictionary<byte, DicomTransferSyntax> accepted)
    {
        while (await ReadRequestAsync(reader) is var (command, contextId, identifier))
        {
            if (command.Field == DimseCommandField.CMoveRequest)
            {
                Interlocked.Increment(ref _movesReceived);
                for (var remaining = 2; remaining > 0; remaining--)
                {
                    var pending = DimseCommand.Response(command, DicomStatus.Pending);
                    pending.Dataset.Add(DicomTag.NumberOfRemainingSuboperations, DicomVR.US, (ushort)remaining)
                        .Add(DicomTag.NumberOfCompletedSuboperations, DicomVR.US, (ushort)(2 - remaining));
                    await SendAsync(stream, contextId, pending, null);
                    Interlocked.Increment(ref _pendingSent);
                }
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }
            var syntax = accepted[contextId];
            var query = DicomDatasetReader.Read(identifier, syntax);
            var study = new DicomDataset().Add(DicomTag.StudyInstanceUID, StalledStudyUid)
                .Add(DicomTag.PatientID, query.GetStringOrDefault(DicomTag.PatientID) is { Length: > 0 } id ? id : "STALLING")
                .Add(DicomTag.PatientName, "MISBEHAVING^PEER").Add(DicomTag.StudyDate, "20240101");
            string[] answers = query.GetStringOrDefault(DicomTag.QueryRetrieveLevel)?.Trim() switch
            {
                "SERIES" => [".1"],
                "IMAGE" => [".1.1", ".1.2"],
                _ => [""],
            };
            foreach (var answer in answers)
            {
                var match = study.Add(DicomTag.QueryRetrieveLevel, query.GetStringOrDefault(DicomTag.QueryRetrieveLevel) ?? "STUDY")
                    .Add(DicomTag.SeriesInstanceUID, StalledStudyUid + ".1").Add(DicomTag.Modality, "CT")
                    .Add(DicomTag.SOPInstanceUID, answer.Length > 2 ? StalledStudyUid + answer : "");
                await SendAsync(stream, contextId, DimseCommand.Response(command, DicomStatus.Pending, hasDataSet: true), DicomDatasetWriter.ToArray(match, syntax));
            }
            await SendAsync(stream, contextId, DimseCommand.Response(command, DicomStatus.Success), null);
        }
        await stream.WriteAsync(PduEncoder.Encode(ReleaseResponsePdu.Instance), _stop.Token);
    }

    private async Task SendAsync(NetworkStream stream, byte contextId, DimseCommand command, byte[]? dataSet)
    {
        await stream.WriteAsync(PduEncoder.Encode(new DataTransferPdu([new PresentationDataValue(contextId, true, true, command.Encode())])), _stop.Token);
        if (dataSet is not null)
        {
            await stream.WriteAsync(PduEncoder.Encode(new DataTransferPdu([new PresentationDataValue(contextId, false, true, dataSet)])), _stop.Token);
        }
    }

    /// <summary>Reads a request's command and its data set (empty when it has none); null on an A-RELEASE-RQ.</summary>
    private async Task<(DimseCommand Command, byte ContextId, byte[] DataSet)?> ReadRequestAsync(PduReader reader)
    {
        DimseCommand? command = null;
        byte contextId = 0;
        var dataSet = new MemoryStream();
        var dataSetDone = false;
        while (command is null || (command.HasDataSet && !dataSetDone))
        {
            var pdu = await reader.ReadAsync(_stop.Token);
            if (pdu is ReleaseRequestPdu)
            {
                return null;
            }
            foreach (var value in Assert.IsType<DataTransferPdu>(pdu).Values)
            {
                if (value.IsCommand && value.IsLast)
                {
                    command = DimseCommand.Decode(value.Data.ToArray());
                    contextId = value.PresentationContextId;
                }
                else if (!value.IsCommand)
                {
                    dataSet.Write(value.Data.Span);
                    dataSetDone = value.IsLast;
                }
            }
        }
        return (command, contextId, dataSet.ToArray());
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
