using Airadcr.Dicom.Network.Client;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Testing;

namespace Airadcr.Dicom.Network.Tests.Interop;

/// <summary>Our C-STORE SCU -> dcmtk storescp (an independent SCP).</summary>
[Collection(nameof(StoreScpCollection))]
public sealed class StoreScuInteropTests(StoreScpServer storescp)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Explicit, implicit, big endian, deflated, RLE, JPEG, JPEG 2000 and an SR: one instance per UID.</summary>
    public static readonly string[] Files =
    [
        "CT_small.dcm", "MR_small_implicit.dcm", "ExplVR_BigEnd.dcm", "image_dfl.dcm", "SC_rgb_rle.dcm",
        "SC_rgb_jpeg_dcmtk.dcm", "JPEG2000.dcm", "test-SR.dcm", "reportsi.dcm", "waveform_ecg.dcm",
    ];

    [Fact]
    public async Task Files_in_every_syntax_reach_storescp_with_identical_data_sets()
    {
        var files = Files.Select(PydicomCorpus.File).ToList();
        var contexts = await DicomClient.StorageContextsForAsync(files, Ct);
        await using var association = await DicomClient.ConnectAsync(
            new DicomClientOptions { Host = "127.0.0.1", Port = storescp.Port, CalledAe = storescp.AeTitle }, contexts, Ct);

        var responses = new List<DimseCommand>();
        foreach (var file in files)
        {
            responses.Add(await association.StoreAsync(file, Ct));
        }

        await association.ReleaseAsync(Ct);
        Assert.All(responses, r => Assert.Equal(DicomStatus.Success, r.Status));
        var received = storescp.ReceivedFiles();
        var pairs = responses.Zip(files)
            .Select(p => (p.Second, received.Single(r => r.EndsWith("." + p.First.AffectedSopInstanceUid, StringComparison.Ordinal))))
            .ToList();
        Assert.All(await DataSetComparison.CompareAsync(pairs, Ct), verdict => Assert.Equal("same", verdict));
    }

    [Fact]
    public async Task A_file_of_a_syntax_the_peer_did_not_accept_is_transcoded_to_an_uncompressed_one()
    {
        var file = PydicomCorpus.File("MR_small_bigendian.dcm");
        var received = await StoreOfferingOnlyAsync(file, DicomUids.MRImageStorage, DicomUids.ImplicitVRLittleEndian);
        // pydicom compares raw bytes, so OW pixel data must be compared in one byte order: dcmtk's own transcoding.
        using var reference = new FixtureDirectory("dcmconv");
        var expected = reference.Combine("expected.dcm");
        (await DcmtkTools.RunAsync("dcmconv", ["+ti", file, expected], Ct)).EnsureSuccess();
        await DataSetComparison.AssertSameDataSetAsync(expected, received, Ct);
    }

    [Fact]
    public async Task A_compressed_file_the_peer_takes_only_uncompressed_is_sent_decoded_with_the_same_pixels()
    {
        var file = PydicomCorpus.File("SC_rgb_rle_16bit.dcm");
        var received = await StoreOfferingOnlyAsync(file, DicomUids.SecondaryCaptureImageStorage, DicomUids.ExplicitVRLittleEndian);
        using var reference = new FixtureDirectory("dcmdrle");
        var expected = reference.Combine("expected.dcm");
        (await DcmtkTools.RunAsync("dcmdrle", [file, expected], Ct)).EnsureSuccess();
        using var sent = IO.DicomFile.Open(received);
        using var decoded = IO.DicomFile.Open(expected);
        Assert.Equal(DicomUids.ExplicitVRLittleEndian, sent.TransferSyntax.Uid);
        var ours = new Imaging.DicomPixelData(sent.Dataset, sent.TransferSyntax);
        var theirs = new Imaging.DicomPixelData(decoded.Dataset, decoded.TransferSyntax);
        Assert.Equal(theirs.Info, ours.Info);
        Assert.Equal(theirs.GetContainerValues(0), ours.GetContainerValues(0));
    }

    /// <summary>C-STORE of <paramref name="file"/> over an association offering only <paramref name="syntax"/> for
    /// its SOP class; asserts success and returns the file storescp wrote.</summary>
    private async Task<string> StoreOfferingOnlyAsync(string file, string sopClass, string syntax)
    {
        var contexts = new PresentationContexts.Builder().Add(sopClass, syntax).Build();
        await using var association = await DicomClient.ConnectAsync(
            new DicomClientOptions { Host = "127.0.0.1", Port = storescp.Port, CalledAe = storescp.AeTitle }, contexts, Ct);

        var response = await association.StoreAsync(file, Ct);
        await association.ReleaseAsync(Ct);

        Assert.Equal(DicomStatus.Success, response.Status);
        return storescp.ReceivedFiles().Where(r => r.EndsWith("." + response.AffectedSopInstanceUid, StringComparison.Ordinal))
            .OrderBy(File.GetLastWriteTimeUtc).Last();
    }
}
