using System.Globalization;
using System.Net.Http.Json;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Network.Tests.Robustness;
using Airadcr.DicomGateway.Index;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>
/// Peers that stall, against the gateway process: one sends C-STOREs and then requests without ever reading a
/// response (its TCP window fills), one associates and then sends nothing. The write and idle timeouts abort both,
/// their association slots come back (MaxAssociations is not exhausted), what was stored stays stored, no temporary
/// file is left, and the service goes on serving.
/// </summary>
public sealed class StalledPeerTests : IDisposable
{
    private const int MaxAssociations = 2;
    private readonly FixtureDirectory _directory = new("gateway-stalled");

    [Fact]
    public async Task A_peer_that_stops_reading_and_one_that_goes_silent_are_aborted_and_their_slots_freed()
    {
        var ct = TestContext.Current.CancellationToken;
        var storage = _directory.Combine("storage");
        var dicomPort = FreePort.Next();
        await using var gateway = await GatewayProcess.StartAsync(storage, dicomPort, _directory.Combine("gateway.log"), ct,
            settings: new Dictionary<string, string>
            {
                ["Gateway__MaxAssociations"] = MaxAssociations.ToString(CultureInfo.InvariantCulture),
                ["Gateway__AssociationTimeoutSeconds"] = "1",
                ["Gateway__IdleTimeoutSeconds"] = "2",
                ["Gateway__WriteTimeoutSeconds"] = "2",
                ["Gateway__StableSeconds"] = "3600",
            });
        var files = SyntheticInstances.WriteStudy(_directory.Combine("study"), 5);

        await using var deaf = await RawPeer.ConnectAsync(dicomPort, ct, receiveBuffer: 4096);
        await deaf.AssociateAsync(GatewayHost.AeTitle, ct);
        foreach (var (file, i) in files.Select((f, i) => (f, i)))
        {
            await deaf.SendStoreAsync((ushort)(i + 1), DicomUids.CTImageStorage, SyntheticInstances.SopOf(file), DataSetOf(file), ct);
        }
        // Then requests keep coming while no response is read: the gateway's writes block until its write timeout.
        var burst = Enumerable.Range(0, 60_000).SelectMany(i => RawPeer.EchoRequest((ushort)(i + 100))).ToArray();
        var flood = Task.Run(async () =>
        {
            try
            {
                await deaf.SendAsync(burst, ct);
            }
            catch (IOException)
            {
                // the gateway aborted the association and closed the connection
            }
        }, ct);
        await using var silent = await RawPeer.ConnectAsync(dicomPort, ct);
        await silent.AssociateAsync(GatewayHost.AeTitle, ct);

        await GatewayWait.UntilAsync(gateway, async () => (await AssociationsAsync(gateway, ct)).Active == 0, "both stalled associations aborted", ct);
        await flood;
        Assert.NotEmpty(await silent.ReadUntilClosedAsync(ct)); // an A-ABORT, then the close
        await deaf.ReadUntilClosedAsync(ct);

        // Every slot is free again: MaxAssociations peers associate at once.
        var peers = new List<RawPeer>();
        try
        {
            for (var i = 0; i < MaxAssociations; i++)
            {
                peers.Add(await RawPeer.ConnectAsync(dicomPort, ct));
                await peers[^1].AssociateAsync(GatewayHost.AeTitle, ct);
            }
        }
        finally
        {
            foreach (var peer in peers)
            {
                await peer.DisposeAsync();
            }
        }
        await GatewayWait.UntilAsync(gateway, async () => (await AssociationsAsync(gateway, ct)).Active == 0, "the probing associations ended", ct);
        (await DcmtkTools.EchoAsync(GatewayHost.AeTitle, dicomPort, ct)).EnsureSuccess();

        // The instances whose responses were never read are stored and indexed; nothing is left half-written.
        var study = DicomFile.Open(files[0]).Dataset.GetString(DicomTag.StudyInstanceUID);
        var indexed = await gateway.HttpClient.GetFromJsonAsync<List<InstanceSummary>>($"/studies/{study}/instances", ct);
        Assert.Equal(files.Select(SyntheticInstances.SopOf).Order(StringComparer.Ordinal), indexed!.Select(i => i.SopInstanceUid).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(Path.Combine(storage, ".incoming")));
    }

    /// <summary>The file's data set as sent on the wire in Explicit VR Little Endian (no meta information).</summary>
    private static byte[] DataSetOf(string path)
    {
        using var file = DicomFile.Open(path);
        return DicomDatasetWriter.ToArray(file.Dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    private static async Task<Apis.AdminApi.AssociationStatistics> AssociationsAsync(GatewayProcess gateway, CancellationToken ct) =>
        (await gateway.HttpClient.GetFromJsonAsync<Apis.AdminApi.AssociationStatistics>("/admin/associations", ct))!;

    public void Dispose() => _directory.Dispose();
}
