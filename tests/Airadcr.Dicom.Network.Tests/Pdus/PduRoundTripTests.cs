using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Dicom.Network.Tests.Pdus;

public sealed class PduRoundTripTests
{
    private static readonly UserInformation FullUserInformation = new()
    {
        MaxPduLength = 16384,
        ImplementationClassUid = "1.2.3.4",
        ImplementationVersionName = "TEST_1",
        AsyncOperations = new AsyncOperationsWindow(5, 1),
        RoleSelections = [new RoleSelection("1.2.840.10008.5.1.4.1.1.2", true, false)],
    };

    private static T RoundTrip<T>(T pdu) where T : Pdu
    {
        var bytes = PduEncoder.Encode(pdu);
        Assert.Equal((byte)pdu.Type, bytes[0]);
        Assert.Equal((uint)(bytes.Length - 6), System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(2)));
        return Assert.IsType<T>(PduDecoder.Decode(pdu.Type, bytes.AsMemory(6)));
    }

    [Fact]
    public void Associate_request_keeps_every_item_and_sub_item()
    {
        var rq = new AssociateRequestPdu("CALLED", "CALLING",
            [new PresentationContextProposal(1, "1.2.840.10008.1.1", ["1.2.840.10008.1.2", "1.2.840.10008.1.2.1"]),
             new PresentationContextProposal(3, "1.2.840.10008.5.1.4.1.1.2", ["1.2.840.10008.1.2.1"])],
            FullUserInformation);

        var back = RoundTrip(rq);

        Assert.Equal("CALLED", back.CalledAe);
        Assert.Equal("CALLING", back.CallingAe);
        Assert.Equal(ApplicationContext.Dicom, back.ApplicationContextName);
        Assert.Equal(2, back.PresentationContexts.Count);
        Assert.Equal(rq.PresentationContexts[0].TransferSyntaxes, back.PresentationContexts[0].TransferSyntaxes);
        Assert.Equal(3, back.PresentationContexts[1].Id);
        Assert.Equal(FullUserInformation.MaxPduLength, back.UserInformation.MaxPduLength);
        Assert.Equal("1.2.3.4", back.UserInformation.ImplementationClassUid);
        Assert.Equal("TEST_1", back.UserInformation.ImplementationVersionName);
        Assert.Equal(new AsyncOperationsWindow(5, 1), back.UserInformation.AsyncOperations);
        Assert.Equal(FullUserInformation.RoleSelections, back.UserInformation.RoleSelections);
    }

    [Fact]
    public void Associate_accept_keeps_results_and_user_information()
    {
        var ac = new AssociateAcceptPdu("CALLED", "CALLING",
            [new PresentationContextResult(1, PresentationContextOutcome.Acceptance, "1.2.840.10008.1.2.1"),
             new PresentationContextResult(3, PresentationContextOutcome.AbstractSyntaxNotSupported, "1.2.840.10008.1.2")],
            FullUserInformation);

        var back = RoundTrip(ac);

        Assert.Equal(ac.PresentationContexts, back.PresentationContexts);
        Assert.Equal(16384u, back.UserInformation.MaxPduLength);
    }

    [Fact]
    public void Associate_reject_keeps_result_source_and_reason()
    {
        var rj = new AssociateRejectPdu(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CallingAeNotRecognized);
        Assert.Equal(rj, RoundTrip(rj));
    }

    [Fact]
    public void Data_transfer_keeps_every_value_and_its_flags()
    {
        var pdu = new DataTransferPdu(
            [new PresentationDataValue(1, true, true, new byte[] { 1, 2, 3 }),
             new PresentationDataValue(1, false, false, new byte[] { 4, 5 }),
             new PresentationDataValue(5, false, true, Array.Empty<byte>())]);

        var back = RoundTrip(pdu);

        Assert.Equal(3, back.Values.Count);
        Assert.Equal([1, 2, 3], back.Values[0].Data.ToArray());
        Assert.True(back.Values[0].IsCommand);
        Assert.True(back.Values[0].IsLast);
        Assert.False(back.Values[1].IsCommand);
        Assert.False(back.Values[1].IsLast);
        Assert.Equal(5, back.Values[2].PresentationContextId);
        Assert.True(back.Values[2].Data.IsEmpty);
    }

    [Fact]
    public void Release_and_abort_pdus_round_trip()
    {
        Assert.Same(ReleaseRequestPdu.Instance, RoundTrip(ReleaseRequestPdu.Instance));
        Assert.Same(ReleaseResponsePdu.Instance, RoundTrip(ReleaseResponsePdu.Instance));
        var abort = new AbortPdu(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu);
        Assert.Equal(abort, RoundTrip(abort));
    }

    [Fact]
    public void Encoded_request_has_the_fixed_header_layout_of_ps3_8()
    {
        var bytes = PduEncoder.Encode(new AssociateRequestPdu("ABC", "XYZ", [], new UserInformation { MaxPduLength = 1 }));

        Assert.Equal(0x01, bytes[0]);
        Assert.Equal([0x00, 0x01], bytes[6..8]);
        Assert.Equal("ABC             "u8.ToArray(), bytes[10..26]);
        Assert.Equal("XYZ             "u8.ToArray(), bytes[26..42]);
        Assert.All(bytes[42..74], b => Assert.Equal(0, b));
        Assert.Equal(0x10, bytes[74]);
    }

    [Fact]
    public void Invalid_ae_title_cannot_be_encoded()
    {
        Assert.Throws<ArgumentException>(() =>
            PduEncoder.Encode(new AssociateRequestPdu("SEVENTEEN_CHARS_X", "A", [], new UserInformation())));
    }
}
