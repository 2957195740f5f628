using System.Buffers.Binary;
using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Dicom.Network.Tests.Pdus;

public sealed class MalformedPduTests
{
    private static byte[] ValidRequestBody() =>
        PduEncoder.Encode(new AssociateRequestPdu("CALLED", "CALLING",
            [new PresentationContextProposal(1, "1.2.840.10008.1.1", ["1.2.840.10008.1.2"])],
            new UserInformation { MaxPduLength = 16384 }))[6..];

    [Fact]
    public void Every_truncation_of_an_associate_request_is_rejected_as_malformed()
    {
        var body = ValidRequestBody();
        for (var length = 0; length < body.Length; length++)
        {
            var truncated = body[..length];
            // A truncation at an item boundary is a complete (if incomplete-looking) item list: it must then be
            // refused because a required item is missing; any other cut overruns an item.
            Assert.Throws<PduFormatException>(() => PduDecoder.Decode(PduType.AssociateRequest, truncated));
        }
    }

    [Fact]
    public void Item_length_running_past_the_pdu_is_rejected()
    {
        var body = ValidRequestBody();
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(68 + 2), 0xFFFF);
        Assert.Throws<PduFormatException>(() => PduDecoder.Decode(PduType.AssociateRequest, body));
    }

    [Fact]
    public void Unknown_items_and_user_sub_items_are_skipped()
    {
        var body = ValidRequestBody().ToList();
        // Unknown item 0x7F before the others and an unknown sub-item 0x58 (user identity) at the end of user info.
        body.InsertRange(68, new byte[] { 0x7F, 0, 0, 2, 0xAA, 0xBB });
        var userInfo = body.LastIndexOf(0x50);
        body.AddRange(new byte[] { 0x58, 0, 0, 3, 1, 2, 3 });
        var newLength = BinaryPrimitives.ReadUInt16BigEndian(body.ToArray().AsSpan(userInfo + 2)) + 7;
        body[userInfo + 2] = (byte)(newLength >> 8);
        body[userInfo + 3] = (byte)newLength;

        var rq = Assert.IsType<AssociateRequestPdu>(PduDecoder.Decode(PduType.AssociateRequest, body.ToArray()));

        Assert.Single(rq.PresentationContexts);
        Assert.Equal(16384u, rq.UserInformation.MaxPduLength);
    }

    [Fact]
    public void Presentation_context_without_transfer_syntax_is_rejected()
    {
        var body = PduEncoder.Encode(new AssociateRequestPdu("A", "B",
            [new PresentationContextProposal(1, "1.2.840.10008.1.1", [])], new UserInformation()))[6..];
        Assert.Throws<PduFormatException>(() => PduDecoder.Decode(PduType.AssociateRequest, body));
    }

    [Theory]
    [InlineData(PduType.ReleaseRequest, 3)]
    [InlineData(PduType.ReleaseResponse, 5)]
    [InlineData(PduType.Abort, 0)]
    [InlineData(PduType.AssociateReject, 6)]
    public void Fixed_size_pdus_with_a_wrong_length_are_rejected(PduType type, int length)
    {
        Assert.Throws<PduFormatException>(() => PduDecoder.Decode(type, new byte[length]));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0, 0, 0, 1, 1 })]
    [InlineData(new byte[] { 0, 0, 0, 9, 1, 3, 0 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 1, 3 })]
    public void Data_transfer_with_bad_pdv_lengths_is_rejected(byte[] body)
    {
        Assert.Throws<PduFormatException>(() => PduDecoder.Decode(PduType.DataTransfer, body));
    }

    [Fact]
    public void Unknown_pdu_type_is_unrecognized()
    {
        var error = Assert.Throws<PduFormatException>(() => PduDecoder.Decode((PduType)0x09, new byte[4]));
        Assert.Equal(AbortReason.UnrecognizedPdu, error.Reason);
    }

    [Fact]
    public void Random_bytes_never_escape_as_anything_but_a_format_error()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 2000; i++)
        {
            var body = new byte[random.Next(0, 300)];
            random.NextBytes(body);
            foreach (var type in Enum.GetValues<PduType>())
            {
                try
                {
                    PduDecoder.Decode(type, body);
                }
                catch (PduFormatException)
                {
                }
            }
        }
    }
}
