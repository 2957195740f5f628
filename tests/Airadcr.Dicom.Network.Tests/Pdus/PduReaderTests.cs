using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Dicom.Network.Tests.Pdus;

public sealed class PduReaderTests
{
    [Fact]
    public async Task Reads_consecutive_pdus_then_null_at_a_clean_end()
    {
        var stream = new MemoryStream([.. PduEncoder.Encode(ReleaseRequestPdu.Instance),
            .. PduEncoder.Encode(new AbortPdu(AbortSource.ServiceUser, AbortReason.NotSpecified))]);
        var reader = new PduReader(stream, 16384);
        var ct = TestContext.Current.CancellationToken;

        Assert.IsType<ReleaseRequestPdu>(await reader.ReadAsync(ct));
        Assert.IsType<AbortPdu>(await reader.ReadAsync(ct));
        Assert.Null(await reader.ReadAsync(ct));
    }

    [Fact]
    public async Task A_4_GiB_data_pdu_length_is_refused_before_reading_its_body()
    {
        var stream = new MemoryStream([0x04, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
        var reader = new PduReader(stream, 16384);

        var error = await Assert.ThrowsAsync<PduFormatException>(() => reader.ReadAsync(TestContext.Current.CancellationToken).AsTask());
        Assert.Equal(AbortReason.InvalidPduParameterValue, error.Reason);
    }

    [Fact]
    public async Task A_data_pdu_longer_than_our_announced_maximum_is_refused()
    {
        var pdu = PduEncoder.Encode(new DataTransferPdu([new PresentationDataValue(1, false, true, new byte[100])]));
        var reader = new PduReader(new MemoryStream(pdu), 64);

        await Assert.ThrowsAsync<PduFormatException>(() => reader.ReadAsync(TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task Unknown_pdu_type_in_the_header_is_refused()
    {
        var reader = new PduReader(new MemoryStream("GET / HTTP/1.1\r\n\r\n"u8.ToArray()), 16384);

        var error = await Assert.ThrowsAsync<PduFormatException>(() => reader.ReadAsync(TestContext.Current.CancellationToken).AsTask());
        Assert.Equal(AbortReason.UnrecognizedPdu, error.Reason);
    }

    [Fact]
    public async Task A_pdu_cut_short_by_the_peer_is_an_end_of_stream()
    {
        var pdu = PduEncoder.Encode(ReleaseRequestPdu.Instance);
        var reader = new PduReader(new MemoryStream(pdu[..7]), 16384);

        await Assert.ThrowsAsync<EndOfStreamException>(() => reader.ReadAsync(TestContext.Current.CancellationToken).AsTask());
    }
}
