using System.Net;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;
using Microsoft.Extensions.Logging;

namespace Airadcr.Dicom.Network.Server;

/// <summary>The acceptor side of one association: its A-ASSOCIATE-RQ under the short ARTIM of a pending connection,
/// negotiation (an association slot is taken only now), then DIMSE requests until release or abort. Every failure ends
/// in an A-ABORT or a status, never in an unhandled exception; rejects, timeouts and aborts are logged.</summary>
internal sealed class ServerAssociation(
    long id,
    DicomConnection connection,
    DicomServerOptions options,
    IDicomServiceHandler handler,
    EndPoint? remote,
    PendingConnection pending,
    Func<bool> takeSlot,
    ILogger logger,
    RepeatedEvent closedWithoutRequest)
{
    private string _callingAe = string.Empty;
    private IStoreTarget? _target;
    private AssociationInfo? _association;
    private bool _released;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await NegotiateAsync(cancellationToken).ConfigureAwait(false))
            {
                await ServeAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DicomAssociationAbortedException e)
        {
            // Aborted (by the peer, a timer or a protocol error): the transport is already closed.
            LogAbort(e.Message);
        }
        catch (OperationCanceledException) when (pending.WasEvicted && _callingAe.Length == 0)
        {
            // Evicted while pending (logged by the server): closed without a word, it never associated.
            connection.Close(AssociationState.Aborted);
        }
        catch (Exception e) when (e is OperationCanceledException or DicomAssociationException or IOException
            or DicomFormatException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            // Server stopping, or a handler/transport failure: this association ends, the server goes on.
            await connection.AbortAsync(AbortSource.ServiceProvider, AbortReason.NotSpecified).ConfigureAwait(false);
        }
        finally
        {
            await DiscardTargetAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
            if (_association is not null)
            {
                handler.AssociationEnded(_association, _released ? AssociationEnd.Released : AssociationEnd.Aborted);
            }
        }
    }

    /// <summary>Sta2 -> Sta3 -> Sta6 or back to Sta1 with A-ASSOCIATE-RJ.</summary>
    private async Task<bool> NegotiateAsync(CancellationToken cancellationToken)
    {
        var pdu = await connection.ReadPduAsync(options.AssociationRequestTimeout, pending.Token).ConfigureAwait(false);
        pending.Associating();
        if (pdu is not AssociateRequestPdu rq)
        {
            throw await connection.UnexpectedAsync(pdu).ConfigureAwait(false);
        }

        _callingAe = rq.CallingAe;
        if (Reject(rq) is { } reject)
        {
            await connection.SendPduAsync(reject).ConfigureAwait(false);
            connection.Close(AssociationState.Released);
            return false;
        }

        var results = PresentationContextNegotiator.Negotiate(rq.PresentationContexts, handler);
        var accepted = results.Where(r => r.IsAccepted).Select(r => new AcceptedPresentationContext(r.Id,
            rq.PresentationContexts.First(p => p.Id == r.Id).AbstractSyntax, DicomTransferSyntax.Lookup(r.TransferSyntax)));
        connection.Establish(accepted, rq.UserInformation.MaxPduLength);
        var user = new UserInformation
        {
            MaxPduLength = options.MaxPduLength,
            ImplementationClassUid = options.ImplementationClassUid,
            ImplementationVersionName = options.ImplementationVersionName,
        };
        await connection.SendPduAsync(new AssociateAcceptPdu(rq.CalledAe, rq.CallingAe, results, user)).ConfigureAwait(false);
        _association = new AssociationInfo(id, rq.CallingAe, rq.CalledAe, remote);
        handler.AssociationAccepted(_association);
        return true;
    }

    /// <summary>The A-ASSOCIATE-RJ to answer (logged), or null when the association is accepted and holds a slot.</summary>
    private AssociateRejectPdu? Reject(AssociateRequestPdu rq)
    {
        if (Refusal(rq) is { } refusal)
        {
            logger.AssociationRejected(rq.CallingAe, remote, refusal.Result, refusal.Reason);
            handler.AssociationRejected(Describe(rq), refusal.Reason.ToString());
            return refusal;
        }

        if (takeSlot())
        {
            return null;
        }

        logger.AssociationLimitReached(rq.CallingAe, remote, options.MaxAssociations);
        handler.AssociationRejected(Describe(rq), "association limit reached");
        return new(RejectResult.Transient, RejectSource.ServiceProviderPresentation, RejectReason.ApplicationContextNotSupportedOrProtocolVersion);
    }

    private AssociateRejectPdu? Refusal(AssociateRequestPdu rq)
    {
        if ((rq.ProtocolVersion & 1) == 0)
        {
            return new(RejectResult.Permanent, RejectSource.ServiceProviderAcse, RejectReason.ApplicationContextNotSupportedOrProtocolVersion);
        }

        if (rq.ApplicationContextName != ApplicationContext.Dicom)
        {
            return new(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.ApplicationContextNotSupportedOrProtocolVersion);
        }

        if (options.CheckCalledAe && rq.CalledAe != options.AeTitle)
        {
            return new(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CalledAeNotRecognized);
        }

        if (handler.Admit(Describe(rq)) is { } reason)
        {
            return new(RejectResult.Permanent, RejectSource.ServiceUser, reason);
        }

        return null;
    }

    private AssociationRequestInfo Describe(AssociateRequestPdu rq) =>
        new(rq.CallingAe, rq.CalledAe, remote, rq.UserInformation.ImplementationClassUid);

    private void LogAbort(string reason)
    {
        if (_callingAe.Length == 0)
        {
            if (closedWithoutRequest.Occurred(out var count))
            {
                logger.NoAssociationRequest(remote, count, reason);
            }
        }
        else
        {
            logger.AssociationAborted(_callingAe, remote, reason);
        }
    }

    /// <summary>Sta6: requests until A-RELEASE-RQ (answered with A-RELEASE-RP) or abort.</summary>
    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        while (await connection.ReceiveMessageAsync(OpenSinkAsync, options.IdleTimeout, cancellationToken).ConfigureAwait(false) is { } message)
        {
            var response = await HandleAsync(message, cancellationToken).ConfigureAwait(false);
            if (response is not null)
            {
                await connection.SendMessageAsync(message.Context, response, null, cancellationToken).ConfigureAwait(false);
            }
        }

        await connection.SendPduAsync(ReleaseResponsePdu.Instance).ConfigureAwait(false);
        connection.Close(AssociationState.Released);
        _released = true;
    }

    private async ValueTask<DimseCommand?> HandleAsync(DimseMessage message, CancellationToken cancellationToken)
    {
        var command = message.Command;
        switch (command.Field)
        {
            case DimseCommandField.CEchoRequest:
                return DimseCommand.Response(command, DicomStatus.Success);
            case DimseCommandField.CStoreRequest:
                var outcome = await CompleteStoreAsync(message, cancellationToken).ConfigureAwait(false);
                return DimseCommand.Response(command, outcome.Status, errorComment: outcome.ErrorComment);
            case DimseCommandField.CCancelRequest:
                return null;
            case DimseCommandField.CFindRequest or DimseCommandField.CMoveRequest:
                return DimseCommand.Response(command, DicomStatus.SopClassNotSupported);
            default:
                return command.IsRequest ? DimseCommand.Response(command, DicomStatus.UnrecognizedOperation) : null;
        }
    }

    private async ValueTask<Stream?> OpenSinkAsync(DimseCommand command, AcceptedPresentationContext context, CancellationToken cancellationToken)
    {
        if (command.Field != DimseCommandField.CStoreRequest)
        {
            return null;
        }

        if (command.AffectedSopClassUid != context.AbstractSyntax || command.AffectedSopInstanceUid is not { Length: > 0 } instance)
        {
            throw new NotSupportedException("SOP class differs from the presentation context, or no SOP instance UID");
        }

        _target = await handler.BeginStoreAsync(
            new StoreRequest(_callingAe, context.AbstractSyntax, instance, context.TransferSyntax) { AssociationId = id }, cancellationToken).ConfigureAwait(false);
        return _target.DataSet;
    }

    private async ValueTask<StoreOutcome> CompleteStoreAsync(DimseMessage message, CancellationToken cancellationToken)
    {
        var target = _target;
        _target = null;
        if (message.DataSetError is { } error || target is null)
        {
            if (target is not null)
            {
                await target.DisposeAsync().ConfigureAwait(false);
            }

            return message.DataSetError is null
                ? new StoreOutcome(DicomStatus.CannotUnderstand, "C-STORE without a data set")
                : StoreStatusMapping.FromException(message.DataSetError);
        }

        try
        {
            return await target.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return StoreStatusMapping.FromException(e);
        }
        finally
        {
            await target.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask DiscardTargetAsync()
    {
        if (_target is { } target)
        {
            _target = null;
            await target.DisposeAsync().ConfigureAwait(false);
        }
    }
}
