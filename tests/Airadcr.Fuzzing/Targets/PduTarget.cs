using Airadcr.Dicom;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Fuzzing.Targets;

/// <summary>A byte stream from a peer: PDUs read one after the other as an association does (header, length bound,
/// body), each decoded; the DIMSE command set of each last command fragment is decoded too.</summary>
internal sealed class PduTarget : FuzzTarget
{
    private const uint MaxDataPduLength = 16384;
    private const int MaxPdus = 64;

    public override string Name => "pdu";

    protected override void Exercise(byte[] input)
    {
        using var stream = new MemoryStream(input, writable: false);
        var reader = new PduReader(stream, MaxDataPduLength);
        for (var i = 0; i < MaxPdus && reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult() is { } pdu; i++)
        {
            if (pdu is DataTransferPdu data)
            {
                foreach (var value in data.Values.Where(v => v.IsCommand && v.IsLast))
                {
                    var command = DimseCommand.Decode(value.Data);
                    _ = (command.Field, command.MessageId, command.HasDataSet, command.AffectedSopClassUid);
                }
            }
        }
    }

    /// <summary>What the association's read loop answers with an A-ABORT or a closed connection.</summary>
    protected override bool IsRejection(Exception e) =>
        e is PduFormatException or EndOfStreamException or DicomFormatException or DicomValueException;
}
