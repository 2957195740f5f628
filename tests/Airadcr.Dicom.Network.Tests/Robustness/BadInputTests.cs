using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;
using Airadcr.Testing;

namespace Airadcr.Dicom.Network.Tests.Robustness;

/// <summary>Hostile or broken peers: the SCP aborts or closes that one connection, leaves no partial file, and keeps
/// serving everybody else.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly ScpUnderTest _scp = ScpUnderTest.Start(configure: o => o with
    {
        AssociationTimeout = TimeSpan.FromSeconds(1),
        IdleTimeout = TimeSpan.FromSeconds(1),
        WriteTimeout = TimeSpan.FromSeconds(1),
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _scp.DisposeAsync();

    private async Task AssertStillServingAsync()
    {
        (await DcmtkTools.EchoAsync(ScpUnderTest.AeTitle, _scp.Port, Ct)).EnsureSuccess();
        await _scp.WaitForIdleAsync(Ct);
        Assert.Empty(_scp.PartialFiles());
    }

    [Fact]
    public async Task Random_bytes_are_answered_with_an_abort_and_a_close()
    {
        var random = new Random(5);
        for (var i = 0; i < 20; i++)
        {
            await using var peer = await RawPeer.ConnectAsync(_scp.Port, Ct);
            var garbage = new byte[random.Next(1, 4096)];
            random.NextBytes(garbage);
            garbage[0] = (byte)random.Next(8, 256);
            await peer.SendAsync(garbage, Ct);

            var seen = await peer.ReadUntilClosedAsync(Ct);

            Assert.All(seen, pdu => Assert.IsType<AbortPdu>(pdu));
        }

        await AssertStillServingAsync();
    }

    [Fact]
    public async Task An_http_request_on_the_dicom_port_is_aborted()
    {
        await using var peer = await RawPeer.ConnectAsync(_scp.Port, Ct);
        await peer.SendAsync("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray(), Ct);

        var abort = Assert.IsType<AbortPdu>(Assert.Single(await peer.ReadUntilClosedAsync(Ct)));

        Assert.Equal(AbortReason.UnrecognizedPdu, abort.Reason);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_4_gib_pdu_length_is_aborted_without_allocating_it(bool associatedFirst)
    {
        await using var peer = await RawPeer.ConnectAsync(_scp.Port, Ct);
        if (associatedFirst)
        {
            await peer.AssociateAsync(ScpUnderTest.AeTitle, Ct);
        }

        await peer.SendAsync(new byte[] { associatedFirst ? (byte)0x04 : (byte)0x01, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0 }, Ct);

        var abort = Assert.IsType<AbortPdu>(Assert.Single(await peer.ReadUntilClosedAsync(Ct)));
        Assert.Equal(AbortReason.InvalidPduParameterValue, abort.Reason);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_abort_or_a_disconnect_in_the_middle_of_a_data_set_leaves_no_file(bool sendAbort)
    {
        await using (var peer = await RawPeer.ConnectAsync(_scp.Port, Ct))
        {
            await peer.AssociateAsync(ScpUnderTest.AeTitle, Ct);
            var command = DimseCommand.Request(DimseCommandField.CStoreRequest, 1, DicomUids.CTImageStorage, true);
            command.Dataset.Add(DicomTag.AffectedSOPInstanceUID, "1.2.3.4.5");
            await peer.SendAsync(RawPeer.Pdv(3, true, true, command.Encode()), Ct);
            await peer.SendAsync(RawPeer.Pdv(3, false, false, new byte[8000]), Ct);
            if (sendAbort)
            {
                await peer.SendAsync(PduEncoder.Encode(new AbortPdu(AbortSource.ServiceUser, AbortReason.NotSpecified)), Ct);
            }
        }

        await AssertStillServingAsync();
        Assert.Empty(_scp.StoredFiles());
    }

    [Fact]
    public async Task A_request_that_never_comes_is_ended_by_the_artim_timer()
    {
        await using var peer = await RawPeer.ConnectAsync(_scp.Port, Ct);

        var seen = await peer.ReadUntilClosedAsync(Ct);

        Assert.All(seen, pdu => Assert.IsType<AbortPdu>(pdu));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task An_idle_association_is_aborted()
    {
        await using var peer = await RawPeer.ConnectAsync(_scp.Port, Ct);
        await peer.AssociateAsync(ScpUnderTest.AeTitle, Ct);

        Assert.IsType<AbortPdu>(Assert.Single(await peer.ReadUntilClosedAsync(Ct)));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_second_associate_request_is_an_unexpected_pdu()
    {
        await using var peer = await RawPeer.ConnectAsync(_scp.Port, Ct);
        await peer.AssociateAsync(ScpUnderTest.AeTitle, Ct);
        await peer.SendAsync(PduEncoder.Encode(new AssociateRequestPdu(ScpUnderTest.AeTitle, "RAW_PEER", [], new UserInformation())), Ct);

        var abort = Assert.IsType<AbortPdu>(Assert.Single(await peer.ReadUntilClosedAsync(Ct)));
        Assert.Equal(AbortReason.UnexpectedPdu, abort.Reason);
    }

    [Fact]
    public async Task A_pdv_on_a_context_that_was_not_accepted_is_aborted()
    {
        await using var peer = await RawPeer.ConnectAsync(_scp.Port, Ct);
        await peer.AssociateAsync(ScpUnderTest.AeTitle, Ct);
        await peer.SendAsync(RawPeer.Pdv(77, true, true, new byte[10]), Ct);

        Assert.IsType<AbortPdu>(Assert.Single(await peer.ReadUntilClosedAsync(Ct)));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_peer_that_stops_reading_is_dropped_and_others_are_served_meanwhile()
    {
        await using var peer = await RawPeer.ConnectAsync(_scp.Port, Ct, receiveBuffer: 4096);
        await peer.AssociateAsync(ScpUnderTest.AeTitle, Ct);
        var burst = Enumerable.Range(0, 60_000).SelectMany(i => RawPeer.EchoRequest((ushort)i)).ToArray();

        // Requests keep coming, responses are never read: the server's writes block until its write timeout.
        var flood = Task.Run(async () =>
        {
            try
            {
                await peer.SendAsync(burst, Ct);
            }
            catch (IOException)
            {
            }
        }, Ct);
        (await DcmtkTools.EchoAsync(ScpUnderTest.AeTitle, _scp.Port, Ct)).EnsureSuccess();
        await _scp.WaitForIdleAsync(Ct);
        await flood;

        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_store_whose_sop_class_differs_from_its_context_gets_0122_and_the_association_goes_on()
    {
        await using var peer = await RawPeer.ConnectAsync(_scp.Port, Ct);
        await peer.AssociateAsync(ScpUnderTest.AeTitle, Ct);
        await peer.SendStoreAsync(7, DicomUids.MRImageStorage, "1.2.3.4.6", new byte[100], Ct);

        var response = await peer.ReadCommandAsync(Ct);
        Assert.Equal(DicomStatus.SopClassNotSupported, response.Status);
        Assert.Equal(7, response.MessageIdBeingRespondedTo);

        await peer.SendAsync(RawPeer.EchoRequest(8), Ct);
        var echo = await peer.ReadCommandAsync(Ct);
        Assert.Equal(DicomStatus.Success, echo.Status);
    }

    [Fact]
    public async Task A_data_set_that_does_not_match_its_command_gets_a900_and_no_file()
    {
        await using var peer = await RawPeer.ConnectAsync(_scp.Port, Ct);
        await peer.AssociateAsync(ScpUnderTest.AeTitle, Ct);
        var dataSet = IO.DicomDatasetWriter.ToArray(new DicomDataset()
            .Add(DicomTag.SOPClassUID, DicomUids.CTImageStorage).Add(DicomTag.SOPInstanceUID, "9.9.9"), DicomTransferSyntax.ExplicitVRLittleEndian);
        await peer.SendStoreAsync(9, DicomUids.CTImageStorage, "1.2.3.4.7", dataSet, Ct);

        var response = await peer.ReadCommandAsync(Ct);
        Assert.Equal(DicomStatus.DataSetDoesNotMatchSopClass, response.Status);
        Assert.Empty(_scp.StoredFiles());
        Assert.Empty(_scp.PartialFiles());
    }

    [Fact]
    public async Task Garbage_inside_a_command_pdv_is_aborted()
    {
        var random = new Random(11);
        for (var i = 0; i < 10; i++)
        {
            await using var peer = await RawPeer.ConnectAsync(_scp.Port, Ct);
            await peer.AssociateAsync(ScpUnderTest.AeTitle, Ct);
            var garbage = new byte[random.Next(1, 300)];
            random.NextBytes(garbage);
            await peer.SendAsync(RawPeer.Pdv(1, true, true, garbage), Ct);

            var seen = await peer.ReadUntilClosedAsync(Ct);

            Assert.All(seen, pdu => Assert.True(pdu is AbortPdu or DataTransferPdu));
        }

        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_store_without_a_data_set_gets_c000()
    {
        await using var peer = await RawPeer.ConnectAsync(_scp.Port, Ct);
        await peer.AssociateAsync(ScpUnderTest.AeTitle, Ct);
        await peer.SendStoreAsync(4, DicomUids.CTImageStorage, "1.2.3.4.8", null, Ct);

        var response = await peer.ReadCommandAsync(Ct);

        Assert.Equal(DicomStatus.CannotUnderstand, response.Status);
    }
}
