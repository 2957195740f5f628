using Airadcr.Dicom.Network.Dimse;

namespace Airadcr.Dicom.Network.Tests.Dimse;

public sealed class DimseCommandTests
{
    [Fact]
    public void A_request_is_implicit_little_endian_with_a_correct_group_length_first()
    {
        var command = DimseCommand.Request(DimseCommandField.CEchoRequest, 42, DicomUids.Verification, false);

        var bytes = command.Encode();

        Assert.Equal([0, 0, 0, 0, 4, 0, 0, 0], bytes[..8]);
        Assert.Equal((uint)(bytes.Length - 12), BitConverter.ToUInt32(bytes, 8));
    }

    [Fact]
    public void A_response_answers_its_request_field_id_and_instance()
    {
        var request = DimseCommand.Request(DimseCommandField.CStoreRequest, 7, DicomUids.CTImageStorage, true);
        request.Dataset.Add(DicomTag.AffectedSOPInstanceUID, "1.2.3");

        var response = DimseCommand.Decode(DimseCommand.Response(request, DicomStatus.OutOfResources, errorComment: "disk full").Encode());

        Assert.Equal(DimseCommandField.CStoreResponse, response.Field);
        Assert.Equal(7, response.MessageIdBeingRespondedTo);
        Assert.Equal(DicomStatus.OutOfResources, response.Status);
        Assert.Equal("1.2.3", response.AffectedSopInstanceUid);
        Assert.Equal("disk full", response.ErrorComment);
        Assert.False(response.HasDataSet);
        Assert.False(response.IsRequest);
    }

    [Fact]
    public void A_request_round_trips_with_its_data_set_flag()
    {
        var request = DimseCommand.Decode(DimseCommand.Request(DimseCommandField.CFindRequest, 3, DicomUids.StudyRootQueryRetrieveInformationModelFind, true).Encode());

        Assert.Equal(DimseCommandField.CFindRequest, request.Field);
        Assert.Equal(3, request.MessageId);
        Assert.True(request.HasDataSet);
        Assert.True(request.IsRequest);
        Assert.Equal(DicomUids.StudyRootQueryRetrieveInformationModelFind, request.AffectedSopClassUid);
    }

    [Theory]
    [InlineData(DicomStatus.Success, true, false, false)]
    [InlineData(DicomStatus.Pending, false, false, true)]
    [InlineData(0xB000, false, true, false)]
    [InlineData(DicomStatus.OutOfResources, false, false, false)]
    public void Status_classes(ushort status, bool success, bool warning, bool pending)
    {
        Assert.Equal(success, DicomStatus.IsSuccess(status));
        Assert.Equal(warning, DicomStatus.IsWarning(status));
        Assert.Equal(pending, DicomStatus.IsPending(status));
    }
}
