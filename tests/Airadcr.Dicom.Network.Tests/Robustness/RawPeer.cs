using System.Net.Sockets;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Dicom.Network.Tests.Robustness;

/// <summary>A misbehaving peer: a bare socket that writes whatever a test wants and reads PDUs back (the gateway's tests link this file).</summary>
public sealed class RawPeer : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly PduReader _reader;

    private RawPeer(TcpClient client)
    {
        _client = client;
        _reader = new PduReader(client.GetStream(), 0);
    }

    public NetworkStream Stream => _client.GetStream();

    public static async Task<RawPeer> ConnectAsync(int port, CancellationToken cancellationToken, int? receiveBuffer = null)
    {
        var client = new TcpClient { NoDelay = true };
        if (receiveBuffer is { } size)
        {
            client.ReceiveBufferSize = size;
        }

        await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        return new RawPeer(client);
    }

    /// <summary>Associates for Verification (context 1) and CT Image Storage in Explicit VR LE (context 3).</summary>
    public async Task<AssociateAcceptPdu> AssociateAsync(string calledAe, CancellationToken cancellationToken)
    {
        await SendAsync(PduEncoder.Encode(new AssociateRequestPdu(calledAe, "RAW_PEER",
            [new PresentationContextProposal(1, DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian]),
             new PresentationContextProposal(3, DicomUids.CTImageStorage, [DicomUids.ExplicitVRLittleEndian])],
            new UserInformation { MaxPduLength = 16384 })), cancellationToken);
        return Assert.IsType<AssociateAcceptPdu>(await ReadPduAsync(cancellationToken));
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) => Stream.WriteAsync(bytes, cancellationToken);

    public static byte[] Pdv(byte context, bool command, bool last, ReadOnlyMemory<byte> data) =>
        PduEncoder.Encode(new DataTransferPdu([new PresentationDataValue(context, command, last, data)]));

    public static byte[] EchoRequest(ushort messageId) =>
        Pdv(1, true, true, DimseCommand.Request(DimseCommandField.CEchoRequest, messageId, DicomUids.Verification, false).Encode());

    public async Task<Pdu?> ReadPduAsync(CancellationToken cancellationToken) => await _reader.ReadAsync(cancellationToken);

    /// <summary>Sends a C-STORE-RQ command on context 3 (CT Image Storage), then the data set when one is given.</summary>
    public async Task SendStoreAsync(ushort messageId, string sopClassUid, string sopInstanceUid, byte[]? dataSet,
        CancellationToken cancellationToken)
    {
        var command = DimseCommand.Request(DimseCommandField.CStoreRequest, messageId, sopClassUid, dataSet is not null);
        command.Dataset.Add(DicomTag.AffectedSOPInstanceUID, sopInstanceUid);
        await SendAsync(Pdv(3, true, true, command.Encode()), cancellationToken);
        if (dataSet is not null)
        {
            await SendAsync(Pdv(3, false, true, dataSet), cancellationToken);
        }
    }

    /// <summary>The next message's command, which must fit in one P-DATA-TF.</summary>
    public async Task<DimseCommand> ReadCommandAsync(CancellationToken cancellationToken) =>
        DimseCommand.Decode(Assert.IsType<DataTransferPdu>(await ReadPduAsync(cancellationToken)).Values[0].Data);

    /// <summary>Reads until the server closes; returns the PDUs seen (an A-ABORT, typically). Transport resets count
    /// as closed.</summary>
    public async Task<IReadOnlyList<Pdu>> ReadUntilClosedAsync(CancellationToken cancellationToken)
    {
        var seen = new List<Pdu>();
        try
        {
            while (await _reader.ReadAsync(cancellationToken) is { } pdu)
            {
                seen.Add(pdu);
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or PduFormatException)
        {
        }

        return seen;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
