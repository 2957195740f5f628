using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Network.Dimse;

/// <summary>A DIMSE command set: a group 0000 dataset, always Implicit VR Little Endian on the wire (PS3.7 6.3.1).</summary>
public sealed class DimseCommand
{
    /// <summary>Command Data Set Type value meaning "no data set follows".</summary>
    public const ushort NoDataSet = 0x0101;

    public DimseCommand(DicomDataset dataset) => Dataset = dataset;

    public DicomDataset Dataset { get; }

    public DimseCommandField Field => (DimseCommandField)UShort(DicomTag.CommandField);

    public ushort MessageId => UShort(DicomTag.MessageID);

    public ushort MessageIdBeingRespondedTo => UShort(DicomTag.MessageIDBeingRespondedTo);

    public bool HasDataSet => UShort(DicomTag.CommandDataSetType, NoDataSet) != NoDataSet;

    public ushort Status => UShort(DicomTag.Status);

    public string? AffectedSopClassUid => Text(DicomTag.AffectedSOPClassUID);

    public string? AffectedSopInstanceUid => Text(DicomTag.AffectedSOPInstanceUID);

    public string? MoveDestination => Text(DicomTag.MoveDestination);

    public string? ErrorComment => Text(DicomTag.ErrorComment);

    public bool IsRequest => ((ushort)Field & 0x8000) == 0;

    public static DimseCommand Decode(ReadOnlyMemory<byte> bytes) =>
        new(DicomDatasetReader.Read(bytes, DicomTransferSyntax.ImplicitVRLittleEndian));

    public byte[] Encode()
    {
        Dataset.AddOrUpdate(new DicomElement(DicomTag.CommandGroupLength, DicomVR.UL, new byte[4]));
        return DicomDatasetWriter.ToArray(Dataset, DicomTransferSyntax.ImplicitVRLittleEndian);
    }

    /// <summary>A request with the fields every DIMSE-C request carries.</summary>
    public static DimseCommand Request(DimseCommandField field, ushort messageId, string sopClassUid, bool hasDataSet)
    {
        var dataset = new DicomDataset();
        dataset.Add(DicomTag.AffectedSOPClassUID, sopClassUid);
        dataset.Add(DicomTag.CommandField, DicomVR.US, (ushort)field);
        dataset.Add(DicomTag.MessageID, DicomVR.US, messageId);
        if (field is DimseCommandField.CStoreRequest or DimseCommandField.CFindRequest or DimseCommandField.CMoveRequest)
        {
            dataset.Add(DicomTag.Priority, DicomVR.US, (ushort)0);
        }

        dataset.Add(DicomTag.CommandDataSetType, DicomVR.US, hasDataSet ? (ushort)0x0000 : NoDataSet);
        return new DimseCommand(dataset);
    }

    /// <summary>The response to <paramref name="request"/> with <paramref name="status"/>.</summary>
    public static DimseCommand Response(DimseCommand request, ushort status, bool hasDataSet = false, string? errorComment = null)
    {
        var dataset = new DicomDataset();
        if (request.AffectedSopClassUid is { } sopClass)
        {
            dataset.Add(DicomTag.AffectedSOPClassUID, sopClass);
        }

        dataset.Add(DicomTag.CommandField, DicomVR.US, (ushort)((ushort)request.Field | 0x8000));
        dataset.Add(DicomTag.MessageIDBeingRespondedTo, DicomVR.US, request.MessageId);
        dataset.Add(DicomTag.CommandDataSetType, DicomVR.US, hasDataSet ? (ushort)0x0000 : NoDataSet);
        dataset.Add(DicomTag.Status, DicomVR.US, status);
        if (request.AffectedSopInstanceUid is { } instance)
        {
            dataset.Add(DicomTag.AffectedSOPInstanceUID, instance);
        }

        if (errorComment is not null)
        {
            dataset.Add(DicomTag.ErrorComment, errorComment.Length > 64 ? errorComment[..64] : errorComment);
        }

        return new DimseCommand(dataset);
    }

    public ushort UShort(DicomTag tag, ushort fallback = 0) =>
        Dataset.TryGetElement(tag, out var element) && element.Length >= 2 ? element.GetValue<ushort>() : fallback;

    private string? Text(DicomTag tag) =>
        Dataset.TryGetElement(tag, out var element) ? element.GetString().TrimEnd('\0', ' ') : null;

    public override string ToString() => $"{Field} id={MessageId}";
}
