using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Network.Client;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>
/// Compressed C-STOREs on the gateway process: a syntax it decodes is accepted and stored as received; a codestream
/// that does not decode (truncated, or fewer frames than Number of Frames says) gets 0xC000 and leaves no file, and a
/// syntax it cannot decode is not accepted at all (the requestor falls back to an uncompressed one).
/// </summary>
public sealed class CompressedStoreTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("gateway-compressed");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_truncated_or_short_codestream_gets_c000_and_leaves_no_file_while_a_whole_one_is_stored()
    {
        await using var gateway = await GatewayProcess.StartAsync(_directory.Combine("storage"), FreePort.Next(), _directory.Combine("gateway.log"), Ct,
            settings: new Dictionary<string, string> { ["Gateway__StableSeconds"] = "3600" });
        var rle = _directory.Combine("ct-rle.dcm");
        await ExternalEncoder.Rle.EncodeAsync(PydicomCorpus.File("CT_small.dcm"), rle, Ct);
        var truncated = Rewrite(rle, "truncated.dcm", (ds, fragments) =>
            ds.AddOrUpdate(new DicomFragmentSequence(DicomTag.PixelData, DicomVR.OB, fragments.OffsetTable, [fragments.Fragments[0][..(fragments.Fragments[0].Length / 2 & ~1)]])));
        var moreFrames = Rewrite(rle, "frames.dcm", (ds, _) => ds.Add(DicomTag.NumberOfFrames, DicomVR.IS, "4"));

        var statuses = await StoreAsync(gateway, [rle, truncated, moreFrames]);

        Assert.Equal([DicomStatus.Success, DicomStatus.CannotUnderstand, DicomStatus.CannotUnderstand], statuses);
        var stored = Assert.Single(Directory.GetFiles(_directory.Combine("storage"), "*.dcm", SearchOption.AllDirectories),
            path => !path.Contains("incoming", StringComparison.Ordinal));
        using var file = DicomFile.Open(stored);
        Assert.Equal(DicomUids.RLELossless, file.TransferSyntax.Uid);
        // The warning is written by the logger's own thread: give it a moment to reach the file.
        for (var wait = 0; wait < 50 && !gateway.Process.LogTail(40).Contains("cannot be decoded", StringComparison.Ordinal); wait++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.Contains("cannot be decoded", gateway.Process.LogTail(40), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_syntax_without_a_decoder_is_not_accepted()
    {
        await using var gateway = await GatewayProcess.StartAsync(_directory.Combine("storage"), FreePort.Next(), _directory.Combine("gateway.log"), Ct,
            settings: new Dictionary<string, string> { ["Gateway__StableSeconds"] = "3600" });
        const string Mpeg2 = "1.2.840.10008.1.2.4.100";
        var contexts = new PresentationContexts.Builder().Add(DicomUids.CTImageStorage, [Mpeg2]).Add(DicomUids.CTImageStorage, [DicomUids.RLELossless]).Build();
        await using var association = await DicomClient.ConnectAsync(new DicomClientOptions
        {
            Host = "127.0.0.1", Port = gateway.DicomPort, CalledAe = GatewayProcess.AeTitle, CallingAe = "COMPRESSED_SCU",
        }, contexts, Ct);
        Assert.Equal([PresentationContextOutcome.TransferSyntaxesNotSupported, PresentationContextOutcome.Acceptance],
            association.Accept.PresentationContexts.Select(c => c.Outcome));
        await association.ReleaseAsync(Ct);
    }

    private string Rewrite(string source, string name, Action<DicomDataset, DicomFragmentSequence> change)
    {
        using var file = DicomFile.Open(source);
        var dataset = new DicomDataset(file.Dataset);
        dataset.Add(DicomTag.SOPInstanceUID, DicomUidGenerator.New());
        change(dataset, (DicomFragmentSequence)file.Dataset[DicomTag.PixelData]!);
        var path = _directory.Combine(name);
        new DicomFile(dataset, DicomFileWriter.BuildMeta(file.Meta, dataset, file.TransferSyntax)).Save(path, file.TransferSyntax);
        return path;
    }

    private static async Task<List<ushort>> StoreAsync(GatewayProcess gateway, IEnumerable<string> files)
    {
        var contexts = new PresentationContexts.Builder().Add(DicomUids.CTImageStorage, [DicomUids.RLELossless]).Build();
        await using var association = await DicomClient.ConnectAsync(new DicomClientOptions
        {
            Host = "127.0.0.1", Port = gateway.DicomPort, CalledAe = GatewayProcess.AeTitle, CallingAe = "COMPRESSED_SCU",
        }, contexts, Ct);
        var statuses = new List<ushort>();
        foreach (var file in files)
        {
            statuses.Add((await association.StoreAsync(file, Ct)).Status);
        }

        await association.ReleaseAsync(Ct);
        return statuses;
    }

    public void Dispose() => _directory.Dispose();
}
