using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Airadcr.Dicom;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;
using Airadcr.Dicom.Network.Tests.Robustness;
using Airadcr.DicomGateway.Index;
using Airadcr.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Airadcr.DicomGateway.Tests;

[Collection(nameof(GatewayCollection))]
public sealed class EmbeddedStorageScpTests(EmbeddedGatewayHost gateway) : StorageScpTests(gateway);

[Collection(nameof(ServerModeGatewayCollection))]
public sealed class ServerModeStorageScpTests(ServerModeGatewayHost gateway) : StorageScpTests(gateway);

/// <summary>The storage SCP, the same in both modes.</summary>
public abstract class StorageScpTests(GatewayHost gateway)
{
    internal const string CtStudy = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";
    internal const string CtInstance = "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322";

    [Fact]
    public void The_index_is_sqlite_when_embedded_and_postgresql_in_server_mode()
    {
        var engine = gateway.Services.GetRequiredService<GatewayDatabase>().Engine;
        Assert.Equal(gateway.Mode == GatewayMode.Embedded ? "sqlite" : "postgresql", engine);
    }

    [Fact]
    public async Task Answers_c_echo()
    {
        (await DcmtkTools.EchoAsync(GatewayHost.AeTitle, gateway.DicomPort, TestContext.Current.CancellationToken)).EnsureSuccess();
    }

    [Fact]
    public async Task Stored_instance_is_on_disk_under_its_uids_indexed_and_identical()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = PydicomCorpus.File("CT_small.dcm");

        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, [source], ct)).EnsureSuccess();

        using var client = gateway.CreateClient();
        var instances = await client.GetFromJsonAsync<List<InstanceSummary>>($"/studies/{CtStudy}/instances", ct);
        var instance = Assert.Single(instances!, i => i.SopInstanceUid == CtInstance);
        var stored = Directory.GetFiles(gateway.StoragePath, CtInstance + ".dcm", SearchOption.AllDirectories);
        var path = Assert.Single(stored);
        Assert.Equal(Path.Combine(gateway.StoragePath, CtStudy, instance.SeriesInstanceUid, CtInstance + ".dcm"), path);
        // storescu does not send (FFFC,FFFC) Data Set Trailing Padding: everything else must be identical.
        var expected = JsonNode.Parse((await DcmtkTools.Dcm2JsonAsync(source, ct)).EnsureSuccess().StandardOutput)!.AsObject();
        expected.Remove("FFFCFFFC");
        var actual = JsonNode.Parse((await DcmtkTools.Dcm2JsonAsync(path, ct)).EnsureSuccess().StandardOutput)!;
        Assert.Equal(expected.ToJsonString(), actual.ToJsonString());

        var bytes = await client.GetByteArrayAsync($"/studies/{CtStudy}/instances/{CtInstance}", ct);
        Assert.Equal(await File.ReadAllBytesAsync(path, ct), bytes);
    }

    [Fact]
    public async Task A_study_lists_its_series_with_their_instance_counts()
    {
        var ct = TestContext.Current.CancellationToken;
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, [PydicomCorpus.File("CT_small.dcm")], ct)).EnsureSuccess();

        using var client = gateway.CreateClient();
        var series = Assert.Single(await client.GetFromJsonAsync<List<SeriesSummary>>($"/studies/{CtStudy}/series", ct) ?? []);

        Assert.Equal(("CT", 1), (series.Modality, series.InstanceCount));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/studies/1.2.3.999/series", ct)).StatusCode);
    }

    [Fact]
    public async Task A_repeated_instance_is_acknowledged_and_the_first_copy_kept()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = PydicomCorpus.File("MR_small.dcm");

        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, [source], ct)).EnsureSuccess();
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, [source], ct)).EnsureSuccess();

        var sop = (await DcmtkTools.RunAsync("dcmdump", ["+P", "SOPInstanceUID", "-s", source], ct)).StandardOutput.Split('[', ']')[1];
        Assert.Single(Directory.GetFiles(gateway.StoragePath, sop + ".dcm", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(Path.Combine(gateway.StoragePath, ".incoming")));
    }

    [Fact]
    public async Task Four_parallel_associations_store_everything()
    {
        var ct = TestContext.Current.CancellationToken;
        var files = new[] { "CT_small.dcm", "MR_small.dcm", "liver_1frame.dcm", "rtplan.dcm", "rtdose.dcm", "rtstruct.dcm", "waveform_ecg.dcm", "test-SR.dcm" }
            .Select(PydicomCorpus.File).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, files.Where((_, n) => n % 4 == i), ct,
                callingAe: $"PARALLEL{i}", options: ["--required"])));

        Assert.All(results, result => result.EnsureSuccess());
        using var client = gateway.CreateClient();
        var studies = await client.GetFromJsonAsync<List<StudySummary>>("/studies", ct);
        Assert.True(studies!.Count >= 5, $"{studies.Count} studies indexed");
    }

    [Fact]
    public async Task Garbage_and_http_on_the_dicom_port_leave_the_scp_serving()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var payload in new[] { "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray(), [0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x01], RandomBytes() })
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync(IPAddress.Loopback, gateway.DicomPort, ct);
            var stream = socket.GetStream();
            await stream.WriteAsync(payload, ct);
            var buffer = new byte[256];
            try
            {
                _ = await stream.ReadAsync(buffer, ct); // A-ABORT / A-ASSOCIATE-RJ, or the connection closed
            }
            catch (IOException)
            {
            }
        }

        (await DcmtkTools.EchoAsync(GatewayHost.AeTitle, gateway.DicomPort, ct)).EnsureSuccess();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_abort_or_a_disconnect_in_the_middle_of_a_data_set_leaves_no_file_and_no_row(bool sendAbort)
    {
        var ct = TestContext.Current.CancellationToken;
        var sop = "1.2.826.0.1.3680043.10.1425." + Random.Shared.Next(1, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using (var peer = await RawPeer.ConnectAsync(gateway.DicomPort, ct))
        {
            await peer.AssociateAsync(GatewayHost.AeTitle, ct);
            var command = DimseCommand.Request(DimseCommandField.CStoreRequest, 1, DicomUids.CTImageStorage, true);
            command.Dataset.Add(DicomTag.AffectedSOPInstanceUID, sop);
            await peer.SendAsync(RawPeer.Pdv(3, true, true, command.Encode()), ct);
            await peer.SendAsync(RawPeer.Pdv(3, false, false, new byte[8000]), ct);
            if (sendAbort)
            {
                await peer.SendAsync(PduEncoder.Encode(new AbortPdu(AbortSource.ServiceUser, AbortReason.NotSpecified)), ct);
            }
        }

        (await DcmtkTools.EchoAsync(GatewayHost.AeTitle, gateway.DicomPort, ct)).EnsureSuccess();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Directory.EnumerateFiles(Path.Combine(gateway.StoragePath, ".incoming")).Any() && !deadline.IsCancellationRequested)
        {
            await Task.Delay(50, ct); // the association's end (and its temporary file's removal) trails the peer's close
        }
        Assert.Empty(Directory.GetFiles(Path.Combine(gateway.StoragePath, ".incoming")));
        Assert.Empty(Directory.GetFiles(gateway.StoragePath, sop + ".dcm", SearchOption.AllDirectories));
        Assert.False(await gateway.Services.GetRequiredService<InstanceIndex>().ContainsAsync(sop, ct));
    }

    private static byte[] RandomBytes()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}
