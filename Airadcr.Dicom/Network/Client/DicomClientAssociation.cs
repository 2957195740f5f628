using System.Runtime.CompilerServices;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Dicom.Network.Client;

/// <summary>An established association on the requestor side. Operations run one at a time. End it with
/// <see cref="ReleaseAsync"/>; disposing an association that was not released aborts it.</summary>
public sealed class DicomClientAssociation : IAsyncDisposable
{
    private readonly DicomConnection _connection;
    private readonly DicomClientOptions _options;
    private ushort _messageId;

    internal DicomClientAssociation(DicomConnection connection, DicomClientOptions options, AssociateAcceptPdu accept)
    {
        _connection = connection;
        _options = options;
        Accept = accept;
    }

    /// <summary>The acceptor's answer (results per context, its maximum PDU length, implementation identity).</summary>
    public AssociateAcceptPdu Accept { get; }

    public IReadOnlyCollection<AcceptedPresentationContext> AcceptedContexts => _connection.Contexts;

    public AssociationState State => _connection.State;

    /// <summary>C-ECHO; returns the status.</summary>
    public async Task<ushort> EchoAsync(CancellationToken cancellationToken)
    {
        var context = ContextFor(DicomUids.Verification);
        var response = await RequestAsync(context, DimseCommandField.CEchoRequest, null, cancellationToken).ConfigureAwait(false);
        return response.Command.Status;
    }

    /// <summary>C-STORE of a Part 10 file. The data set goes as stored when a context with the file's transfer
    /// syntax was accepted; otherwise it is transcoded to an accepted one (<see cref="StorageFallback"/>): uncompressed
    /// first (compressed pixel data decoded), else a lossless compressed syntax we encode.</summary>
    public async Task<DimseCommand> StoreAsync(string path, CancellationToken cancellationToken)
    {
        using var source = await Part10Source.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        var candidates = _connection.Contexts.Where(c => c.AbstractSyntax == source.SopClassUid).ToList();
        if (candidates.FirstOrDefault(c => c.TransferSyntax.Uid == source.TransferSyntax.Uid) is { } same)
        {
            return await StoreAsync(same, source.SopInstanceUid, source.File, cancellationToken).ConfigureAwait(false);
        }

        using var file = DicomFile.Open(path);
        var (context, encoded) = StorageFallback.Transcode(file, candidates)
            ?? throw new DicomAssociationException(
                $"No accepted presentation context for {source.SopClassUid} in {source.TransferSyntax.Uid} (or a syntax it transcodes to).");
        using var transcoded = new MemoryStream(encoded);
        return await StoreAsync(context, source.SopInstanceUid, transcoded, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>C-STORE of a data set already encoded in <paramref name="context"/>'s transfer syntax (the rest of
    /// the seekable <paramref name="dataSet"/> stream).</summary>
    public async Task<DimseCommand> StoreAsync(AcceptedPresentationContext context, string sopInstanceUid, Stream dataSet,
        CancellationToken cancellationToken)
    {
        var response = await RequestAsync(context, DimseCommandField.CStoreRequest, dataSet, cancellationToken,
            command => command.Dataset.Add(DicomTag.AffectedSOPInstanceUID, sopInstanceUid)).ConfigureAwait(false);
        return response.Command;
    }

    /// <summary>C-FIND: yields each pending identifier; throws <see cref="DimseStatusException"/> on a failure status.</summary>
    public async IAsyncEnumerable<DicomDataset> FindAsync(string sopClassUid, DicomDataset identifier,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var context = ContextFor(sopClassUid);
        using var encoded = new MemoryStream(DicomDatasetWriter.ToArray(identifier, context.TransferSyntax));
        var response = await RequestAsync(context, DimseCommandField.CFindRequest, encoded, cancellationToken).ConfigureAwait(false);
        while (DicomStatus.IsPending(response.Command.Status))
        {
            if (response.DataSet is MemoryStream data)
            {
                yield return DicomDatasetReader.Read(data.GetBuffer().AsMemory(0, (int)data.Length), context.TransferSyntax);
            }

            response = await ReceiveResponseAsync(cancellationToken).ConfigureAwait(false);
        }

        ThrowOnFailure(response.Command);
    }

    /// <summary>C-MOVE of the instances matching <paramref name="identifier"/> to <paramref name="destinationAe"/>;
    /// returns the final response (status and sub-operation counts).</summary>
    public async Task<DimseCommand> MoveAsync(string sopClassUid, DicomDataset identifier, string destinationAe,
        CancellationToken cancellationToken)
    {
        AeTitle.Validate(destinationAe);
        var context = ContextFor(sopClassUid);
        using var encoded = new MemoryStream(DicomDatasetWriter.ToArray(identifier, context.TransferSyntax));
        var response = await RequestAsync(context, DimseCommandField.CMoveRequest, encoded, cancellationToken,
            command => command.Dataset.Add(DicomTag.MoveDestination, destinationAe)).ConfigureAwait(false);
        while (DicomStatus.IsPending(response.Command.Status))
        {
            response = await ReceiveResponseAsync(cancellationToken).ConfigureAwait(false);
        }

        return response.Command;
    }

    /// <summary>Orderly release (A-RELEASE-RQ/RP), handling a release collision (PS3.8 Sta9/Sta11).</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        _connection.MarkReleasing();
        await _connection.SendPduAsync(ReleaseRequestPdu.Instance).ConfigureAwait(false);
        while (true)
        {
            var pdu = await _connection.ReadPduAsync(_options.AssociationTimeout, cancellationToken).ConfigureAwait(false);
            switch (pdu)
            {
                case ReleaseResponsePdu:
                    _connection.Close(AssociationState.Released);
                    return;
                case ReleaseRequestPdu:
                    await _connection.SendPduAsync(ReleaseResponsePdu.Instance).ConfigureAwait(false);
                    break;
                case DataTransferPdu:
                    break;
                default:
                    throw await _connection.UnexpectedAsync(pdu).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A-ABORT as service user.</summary>
    public ValueTask AbortAsync() => _connection.AbortAsync(AbortSource.ServiceUser, AbortReason.NotSpecified);

    public async ValueTask DisposeAsync()
    {
        await AbortAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private AcceptedPresentationContext ContextFor(string abstractSyntax) =>
        _connection.Contexts.FirstOrDefault(c => c.AbstractSyntax == abstractSyntax)
        ?? throw new DicomAssociationException($"No accepted presentation context for {DicomUidInfo.NameOf(abstractSyntax)}.");

    private async Task<DimseMessage> RequestAsync(AcceptedPresentationContext context, DimseCommandField field, Stream? dataSet,
        CancellationToken cancellationToken, Action<DimseCommand>? complete = null)
    {
        var command = DimseCommand.Request(field, ++_messageId, context.AbstractSyntax, dataSet is not null);
        complete?.Invoke(command);
        await _connection.SendMessageAsync(context, command, dataSet, cancellationToken).ConfigureAwait(false);
        return await ReceiveResponseAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<DimseMessage> ReceiveResponseAsync(CancellationToken cancellationToken)
    {
        var message = await _connection.ReceiveMessageAsync(static (_, _, _) => ValueTask.FromResult<Stream?>(new MemoryStream()),
            _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
        if (message is null || message.Command.IsRequest || message.Command.MessageIdBeingRespondedTo != _messageId)
        {
            await _connection.AbortAsync(AbortSource.ServiceUser, AbortReason.NotSpecified).ConfigureAwait(false);
            throw new DicomAssociationAbortedException(null, message is null ? "release requested while a response was due" : $"unexpected {message.Command}");
        }

        return message;
    }

    private static void ThrowOnFailure(DimseCommand response)
    {
        if (!DicomStatus.IsSuccess(response.Status) && !DicomStatus.IsWarning(response.Status) && response.Status != DicomStatus.Cancel)
        {
            throw new DimseStatusException(response);
        }
    }
}
