using System.Net;
using System.Net.Sockets;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.DicomGateway.Tests.Sync;

/// <summary>
/// A misbehaving archive: it accepts an association (every proposed context, in its first transfer syntax) and answers
/// a C-FIND with pending responses that never end, each a well-formed study, until the requestor gives up.
/// </summary>
public sealed class EndlessFindArchive : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public EndlessFindArchive()
    {
        _listener.Start();
        _loop = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task ServeAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                client.NoDelay = true;
                try
                {
                    await AnswerForeverAsync(client.GetStream(), _stop.Token);
                }
                catch (Exception error) when (error is IOException or SocketException or PduFormatException)
                {
                    // The requestor aborted or closed: what it should do.
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private static async Task AnswerForeverAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var reader = new PduReader(stream, 0);
        var request = (AssociateRequestPdu)(await reader.ReadAsync(cancellationToken))!;
        await stream.WriteAsync(PduEncoder.Encode(new AssociateAcceptPdu(request.CalledAe, request.CallingAe,
            [.. request.PresentationContexts.Select(p => new PresentationContextResult(p.Id, PresentationContextOutcome.Acceptance, p.TransferSyntaxes[0]))],
            new UserInformation { MaxPduLength = 65536 })), cancellationToken);
        var find = (DataTransferPdu)(await reader.ReadAsync(cancellationToken))!;
        var context = find.Values[0].PresentationContextId;
        var syntax = DicomTransferSyntax.Lookup(request.PresentationContexts.Single(p => p.Id == context).TransferSyntaxes[0]);
        var command = DimseCommand.Decode(find.Values[0].Data);
        for (var i = 0; ; i++)
        {
            var answer = new DicomDataset().Add(DicomTag.QueryRetrieveLevel, "STUDY").Add(DicomTag.StudyInstanceUID, $"1.2.826.0.1.3680043.2.1143.{i + 1}")
                .Add(DicomTag.PatientID, "ENDLESS");
            await stream.WriteAsync(PduEncoder.Encode(new DataTransferPdu([
                new PresentationDataValue(context, true, true, DimseCommand.Response(command, DicomStatus.Pending, hasDataSet: true).Encode())])), cancellationToken);
            await stream.WriteAsync(PduEncoder.Encode(new DataTransferPdu([
                new PresentationDataValue(context, false, true, DicomDatasetWriter.ToArray(answer, syntax))])), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
