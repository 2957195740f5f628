using System.Net.Security;
using System.Net.Sockets;
using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Dicom.Network.Client;

/// <summary>A DICOM requestor (SCU): opens associations.</summary>
public static class DicomClient
{
    /// <summary>Connects, negotiates <paramref name="contexts"/> and returns the established association. Throws
    /// <see cref="DicomAssociationRejectedException"/> on A-ASSOCIATE-RJ, <see cref="DicomAssociationException"/>
    /// when nothing is accepted in time (ARTIM).</summary>
    public static async Task<DicomClientAssociation> ConnectAsync(DicomClientOptions options,
        IReadOnlyList<PresentationContextProposal> contexts, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        DicomConnection? connection = null;
        try
        {
            using (var timer = new CancellationTokenSource(options.AssociationTimeout, options.TimeProvider))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken))
            {
                await socket.ConnectAsync(options.Host, options.Port, linked.Token).ConfigureAwait(false);
                Stream stream = new NetworkStream(socket, ownsSocket: true);
                if (options.UseTls)
                {
                    stream = await AuthenticateAsync(stream, options, linked.Token).ConfigureAwait(false);
                }

                connection = new DicomConnection(stream, options);
            }

            await connection.SendPduAsync(new AssociateRequestPdu(options.CalledAe, options.CallingAe, contexts, new UserInformation
            {
                MaxPduLength = options.MaxPduLength,
                ImplementationClassUid = options.ImplementationClassUid,
                ImplementationVersionName = options.ImplementationVersionName,
            })).ConfigureAwait(false);
            var answer = await connection.ReadPduAsync(options.AssociationTimeout, cancellationToken).ConfigureAwait(false);
            switch (answer)
            {
                case AssociateRejectPdu reject:
                    connection.Close(AssociationState.Released);
                    throw new DicomAssociationRejectedException(reject);
                case AssociateAcceptPdu accept:
                    connection.Establish(Accepted(accept, contexts), accept.UserInformation.MaxPduLength);
                    return new DicomClientAssociation(connection, options, accept);
                default:
                    throw await connection.UnexpectedAsync(answer).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new DicomAssociationException($"Cannot associate with {options.CalledAe} at {options.Host}:{options.Port}: {e.Message}", e);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            socket.Dispose();
            throw;
        }
    }

    private static IEnumerable<AcceptedPresentationContext> Accepted(AssociateAcceptPdu accept, IReadOnlyList<PresentationContextProposal> proposed) =>
        from result in accept.PresentationContexts
        where result.IsAccepted
        join proposal in proposed on result.Id equals proposal.Id
        select new AcceptedPresentationContext(result.Id, proposal.AbstractSyntax, DicomTransferSyntax.Lookup(result.TransferSyntax));

    private static async Task<Stream> AuthenticateAsync(Stream stream, DicomClientOptions options, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = options.TlsTargetHost ?? options.Host,
            RemoteCertificateValidationCallback = options.TlsCertificateValidation,
            ClientCertificates = options.TlsClientCertificates,
        }, cancellationToken).ConfigureAwait(false);
        return ssl;
    }

    /// <summary>Storage contexts for Part 10 files (their SOP classes, each with its own syntax plus uncompressed).</summary>
    public static async Task<IReadOnlyList<PresentationContextProposal>> StorageContextsForAsync(IEnumerable<string> files,
        CancellationToken cancellationToken)
    {
        var instances = new List<(string, string)>();
        foreach (var path in files)
        {
            using var source = await Part10Source.OpenAsync(path, cancellationToken).ConfigureAwait(false);
            instances.Add((source.SopClassUid, source.TransferSyntax.Uid));
        }

        return PresentationContexts.ForStorage(instances);
    }
}
