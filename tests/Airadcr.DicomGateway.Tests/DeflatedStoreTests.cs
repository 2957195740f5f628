using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Network.Client;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>
/// Deflated Explicit VR Little Endian on the gateway process (issue 20, item 1: a 611 KB C-STORE inflating to 600 MiB
/// took the gateway from 188 MB to 2 GB). Deflate is offered only with <c>Gateway:AcceptDeflated</c>; a deflated data
/// set is inflated as a stream to disk, bounded by <c>Gateway:MaxInstanceMegabytes</c> and the free space.
/// </summary>
public sealed class DeflatedStoreTests : IDisposable
{
    private const long MiB = 1 << 20;
    private readonly FixtureDirectory _directory = new("gateway-deflate");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<GatewayProcess> StartGatewayAsync(Dictionary<string, string> settings, string? storage = null)
    {
        settings["Gateway__StableSeconds"] = "3600";
        return GatewayProcess.StartAsync(storage ?? _directory.Combine("storage"), FreePort.Next(), _directory.Combine("gateway.log"), Ct, settings: settings);
    }

    private static async Task<(PresentationContextOutcome Outcome, ushort? Status)> StoreDeflatedAsync(GatewayProcess gateway, string file)
    {
        var contexts = new PresentationContexts.Builder().Add(DicomUids.CTImageStorage, [DicomUids.DeflatedExplicitVRLittleEndian]).Build();
        await using var association = await DicomClient.ConnectAsync(new DicomClientOptions
        {
            Host = "127.0.0.1", Port = gateway.DicomPort, CalledAe = GatewayProcess.AeTitle, CallingAe = "DEFLATE_SCU",
        }, contexts, Ct);
        var outcome = Assert.Single(association.Accept.PresentationContexts).Outcome;
        ushort? status = outcome == PresentationContextOutcome.Acceptance ? (await association.StoreAsync(file, Ct)).Status : null;
        await association.ReleaseAsync(Ct);
        return (outcome, status);
    }

    [Fact]
    public async Task Deflate_is_not_offered_by_default()
    {
        await using var gateway = await StartGatewayAsync([]);
        var file = DeflateBomb.Write(_directory.Combine("small.dcm"), 32 * MiB);

        var (outcome, _) = await StoreDeflatedAsync(gateway, file);

        Assert.Equal(PresentationContextOutcome.TransferSyntaxesNotSupported, outcome);
    }

    [Fact]
    public async Task A_deflated_data_set_inflating_past_the_configured_size_gets_a700_and_leaves_no_file()
    {
        await using var gateway = await StartGatewayAsync(new() { ["Gateway__AcceptDeflated"] = "true", ["Gateway__MaxInstanceMegabytes"] = "64" });
        var bomb = DeflateBomb.Write(_directory.Combine("bomb.dcm"), 256 * MiB);

        var (_, status) = await StoreDeflatedAsync(gateway, bomb);

        Assert.Equal(DicomStatus.OutOfResources, status);
        Assert.Empty(Directory.GetFiles(_directory.Combine("storage"), "*.dcm", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(_directory.Combine("storage"), "*.part", SearchOption.AllDirectories));
        (await DcmtkTools.EchoAsync(GatewayProcess.AeTitle, gateway.DicomPort, Ct)).EnsureSuccess();
    }

    [Fact]
    public async Task A_deflated_data_set_inflating_past_the_free_space_gets_a700_and_leaves_no_file()
    {
        await using var mount = await TmpfsMount.CreateAsync(_directory.Combine("storage"), megabytes: 160, Ct); // room for the inflated 128 MiB, not for the reserve
        await using var gateway = await StartGatewayAsync(new()
        {
            ["Gateway__AcceptDeflated"] = "true",
            ["Gateway__MinimumFreeDiskMegabytes"] = "64",
        }, mount.Path);
        var bomb = DeflateBomb.Write(_directory.Combine("bomb.dcm"), 128 * MiB);

        var (_, status) = await StoreDeflatedAsync(gateway, bomb);

        Assert.Equal(DicomStatus.OutOfResources, status);
        Assert.Empty(Directory.GetFiles(mount.Path, "*.dcm", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(mount.Path, "*.part", SearchOption.AllDirectories));
        (await DcmtkTools.EchoAsync(GatewayProcess.AeTitle, gateway.DicomPort, Ct)).EnsureSuccess();
    }

    [Fact]
    public async Task A_deflated_data_set_is_inflated_to_disk_without_the_gateway_memory_growing_with_it()
    {
        await using var gateway = await StartGatewayAsync(new() { ["Gateway__AcceptDeflated"] = "true" });
        var bomb = DeflateBomb.Write(_directory.Combine("bomb.dcm"), 256 * MiB);
        var warmUp = DeflateBomb.Write(_directory.Combine("warm-up.dcm"), 32 * MiB);
        Assert.Equal(DicomStatus.Success, (await StoreDeflatedAsync(gateway, warmUp)).Status); // the first store's code and index set up
        var before = ProcessMemory.Of(gateway.Process.Pid);

        var (_, status) = await StoreDeflatedAsync(gateway, bomb);

        var after = ProcessMemory.Of(gateway.Process.Pid);
        Assert.Equal(DicomStatus.Success, status);
        Assert.True(after.PeakResidentBytes - before.PeakResidentBytes < 64 * MiB,
            $"peak RSS grew by {(after.PeakResidentBytes - before.PeakResidentBytes) / MiB} MiB while a 256 MiB data set was inflated");
        var stored = Assert.Single(Directory.GetFiles(_directory.Combine("storage"), "*.dcm", SearchOption.AllDirectories),
            path => new FileInfo(path).Length > 256 * MiB);
        using (var file = DicomFile.Open(stored, new DicomReadOptions { StopBeforePixelData = true }))
        {
            Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, file.TransferSyntax);
        }
    }

    public void Dispose() => _directory.Dispose();
}
