using System.Buffers;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Dicom.Network;

/// <summary>One transport connection carrying one association: PDU reads and writes under the PS3.8 timers, DIMSE
/// messages split into and assembled from P-DATA-TF fragments, and A-ABORT on any protocol violation.
/// Not thread-safe: one reader/writer at a time (no asynchronous operations are negotiated).</summary>
internal sealed class DicomConnection : IAsyncDisposable
{
    private const int MaxCommandLength = 64 * 1024;
    private static readonly TimeSpan AbortWriteTimeout = TimeSpan.FromSeconds(2);

    private readonly Stream _stream;
    private readonly PduReader _reader;
    private readonly DicomAssociationOptions _options;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Dictionary<byte, AcceptedPresentationContext> _contexts = [];
    private PDataSender? _sender;
    private bool _closed;

    public DicomConnection(Stream stream, DicomAssociationOptions options)
    {
        _stream = stream;
        _options = options;
        _reader = new PduReader(stream, options.MaxPduLength);
    }

    public AssociationState State { get; private set; } = AssociationState.Negotiating;

    public IReadOnlyCollection<AcceptedPresentationContext> Contexts => _contexts.Values;

    /// <summary>Enters data transfer with the negotiated contexts and the peer's maximum P-DATA length.</summary>
    public void Establish(IEnumerable<AcceptedPresentationContext> contexts, uint peerMaxPduLength)
    {
        foreach (var context in contexts)
        {
            _contexts[context.Id] = context;
        }

        _sender = new PDataSender(peerMaxPduLength);
        State = AssociationState.Established;
    }

    public void MarkReleasing() => State = AssociationState.Releasing;

    /// <summary>The next PDU within <paramref name="timeout"/>; transport failures, timeouts and malformed PDUs
    /// abort the association and surface as <see cref="DicomAssociationAbortedException"/>.</summary>
    public async ValueTask<Pdu> ReadPduAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token, _lifetime.Token);
        Pdu? pdu;
        try
        {
            pdu = await _reader.ReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (PduFormatException e)
        {
            await AbortAsync(AbortSource.ServiceProvider, e.Reason).ConfigureAwait(false);
            throw new DicomAssociationAbortedException(null, e.Message);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await AbortAsync(AbortSource.ServiceProvider, AbortReason.NotSpecified).ConfigureAwait(false);
            throw new DicomAssociationAbortedException(null, $"no PDU within {timeout.TotalSeconds:0.###} s ({State})");
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or ObjectDisposedException)
        {
            Close(AssociationState.Aborted);
            throw new DicomAssociationAbortedException(null, $"connection lost: {e.Message}");
        }

        switch (pdu)
        {
            case null:
                Close(AssociationState.Aborted);
                throw new DicomAssociationAbortedException(null, "the peer closed the connection");
            case AbortPdu abort:
                Close(AssociationState.Aborted);
                throw new DicomAssociationAbortedException(abort);
            default:
                return pdu;
        }
    }

    /// <summary>Aborts with "unexpected PDU" and throws: the reaction of every state to a PDU it does not expect.</summary>
    public async Task<Exception> UnexpectedAsync(Pdu pdu)
    {
        await AbortAsync(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu).ConfigureAwait(false);
        return new DicomAssociationAbortedException(null, $"unexpected {pdu.Type} in state {State}");
    }

    public ValueTask SendPduAsync(Pdu pdu) => WriteAsync(PduEncoder.Encode(pdu));

    /// <summary>Sends a command, then (as a separate message part, never in the command's PDVs) the remainder of
    /// <paramref name="dataSet"/>, which must be seekable.</summary>
    public async ValueTask SendMessageAsync(AcceptedPresentationContext context, DimseCommand command, Stream? dataSet,
        CancellationToken cancellationToken)
    {
        var sender = _sender ?? throw new InvalidOperationException("The association is not established.");
        await sender.SendAsync(WriteAsync, context.Id, true, command.Encode()).ConfigureAwait(false);
        if (dataSet is not null)
        {
            await sender.SendAsync(WriteAsync, context.Id, dataSet, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The next whole DIMSE message, or null when the peer asked for release (A-RELEASE-RQ).</summary>
    public async ValueTask<DimseMessage?> ReceiveMessageAsync(DataSetSinkFactory openSink, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var command = new ArrayBufferWriter<byte>();
        DimseCommand? received = null;
        AcceptedPresentationContext? context = null;
        Stream? sink = null;
        Exception? sinkError = null;
        while (true)
        {
            var pdu = await ReadPduAsync(timeout, cancellationToken).ConfigureAwait(false);
            if (pdu is ReleaseRequestPdu && received is null && command.WrittenCount == 0)
            {
                return null;
            }

            if (pdu is not DataTransferPdu data)
            {
                throw await UnexpectedAsync(pdu).ConfigureAwait(false);
            }

            foreach (var pdv in data.Values)
            {
                if (!_contexts.TryGetValue(pdv.PresentationContextId, out var pdvContext) || (context is not null && pdvContext != context))
                {
                    throw await ProtocolErrorAsync($"PDV on presentation context {pdv.PresentationContextId}").ConfigureAwait(false);
                }

                context = pdvContext;
                if (pdv.IsCommand)
                {
                    if (received is not null || command.WrittenCount + pdv.Data.Length > MaxCommandLength)
                    {
                        throw await ProtocolErrorAsync("command fragment after the command ended, or command too long").ConfigureAwait(false);
                    }

                    command.Write(pdv.Data.Span);
                    if (!pdv.IsLast)
                    {
                        continue;
                    }

                    received = DecodeCommand(command.WrittenMemory) ?? throw await ProtocolErrorAsync("undecodable command set").ConfigureAwait(false);
                    if (!received.HasDataSet)
                    {
                        return new DimseMessage(received, context, null);
                    }

                    (sink, sinkError) = await OpenSinkAsync(openSink, received, context, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (received is null)
                {
                    throw await ProtocolErrorAsync("data set fragment before its command").ConfigureAwait(false);
                }

                (sink, sinkError) = await WriteToSinkAsync(sink, sinkError, pdv.Data, cancellationToken).ConfigureAwait(false);
                if (pdv.IsLast)
                {
                    return new DimseMessage(received, context, sink, sinkError);
                }
            }
        }
    }

    private static DimseCommand? DecodeCommand(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            var command = DimseCommand.Decode(bytes);
            _ = (command.Field, command.MessageId, command.HasDataSet);
            return command;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Any failure to read a command set is the peer's malformed data, never ours to crash on.
            return null;
        }
    }

    private static async ValueTask<(Stream?, Exception?)> OpenSinkAsync(DataSetSinkFactory openSink, DimseCommand command,
        AcceptedPresentationContext context, CancellationToken cancellationToken)
    {
        try
        {
            return (await openSink(command, context, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, e);
        }
    }

    /// <summary>Writes a fragment to the sink; a failing sink is dropped and the rest of the data set discarded.</summary>
    private static async ValueTask<(Stream?, Exception?)> WriteToSinkAsync(Stream? sink, Exception? error,
        ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (sink is null)
        {
            return (null, error);
        }

        try
        {
            await sink.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            return (sink, error);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (sink, e);
        }
    }

    private async Task<Exception> ProtocolErrorAsync(string detail)
    {
        await AbortAsync(AbortSource.ServiceProvider, AbortReason.InvalidPduParameterValue).ConfigureAwait(false);
        return new DicomAssociationAbortedException(null, detail);
    }

    /// <summary>Sends A-ABORT (best effort, short timeout) and closes the transport.</summary>
    public async ValueTask AbortAsync(AbortSource source, AbortReason reason)
    {
        if (State is AssociationState.Aborted or AssociationState.Released)
        {
            return;
        }

        try
        {
            using var timer = new CancellationTokenSource(AbortWriteTimeout, _options.TimeProvider);
            await _stream.WriteAsync(PduEncoder.Encode(new AbortPdu(source, reason)), timer.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or NotSupportedException)
        {
            // The peer is gone or not reading: closing is all that is left.
        }

        Close(AssociationState.Aborted);
    }

    public void Close(AssociationState final)
    {
        if (State is not (AssociationState.Aborted or AssociationState.Released))
        {
            State = final;
        }

        if (!_closed)
        {
            _closed = true;
            _lifetime.Cancel();
            _stream.Dispose();
        }
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> pdu)
    {
        using var timer = new CancellationTokenSource(_options.WriteTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, _lifetime.Token);
        try
        {
            await _stream.WriteAsync(pdu, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            Close(AssociationState.Aborted);
            throw new DicomAssociationAbortedException(null, timer.IsCancellationRequested
                ? $"the peer did not read for {_options.WriteTimeout.TotalSeconds:0.###} s"
                : $"connection lost while sending: {e.Message}");
        }
    }

    public ValueTask DisposeAsync()
    {
        Close(AssociationState.Aborted);
        _sender?.Dispose();
        _lifetime.Dispose();
        return ValueTask.CompletedTask;
    }
}
