using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Airadcr.Dicom.Network.Client;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Testing;

namespace Airadcr.Dicom.Network.Tests.Interop;

/// <summary>Our SCU against Orthanc 1.10: C-STORE, C-FIND (study and patient root), C-MOVE back to our SCP.</summary>
[Collection(nameof(OrthancPeerCollection))]
public sealed class OrthancInteropTests(OrthancPeer peer)
{
    private static readonly string[] Files = ["CT_small.dcm", "MR_small.dcm", "SC_rgb_jpeg_dcmtk.dcm", "test-SR.dcm"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DicomClientOptions OrthancOptions => new()
    {
        Host = "127.0.0.1", Port = peer.Orthanc.DicomPort, CalledAe = peer.Orthanc.AeTitle, CallingAe = ScpUnderTest.AeTitle,
    };

    private async Task<IReadOnlyList<DimseCommand>> StoreCorpusAsync()
    {
        var files = Files.Select(PydicomCorpus.File).ToList();
        await using var association = await DicomClient.ConnectAsync(OrthancOptions, await DicomClient.StorageContextsForAsync(files, Ct), Ct);
        var responses = new List<DimseCommand>();
        foreach (var file in files)
        {
            responses.Add(await association.StoreAsync(file, Ct));
        }

        await association.ReleaseAsync(Ct);
        return responses;
    }

    [Fact]
    public async Task Stored_instances_are_identical_in_orthanc()
    {
        var responses = await StoreCorpusAsync();

        Assert.All(responses, r => Assert.Equal(DicomStatus.Success, r.Status));
        using var downloads = new FixtureDirectory("orthanc-download");
        var pairs = new List<(string, string)>();
        foreach (var (response, name) in responses.Zip(Files))
        {
            var lookup = await peer.Orthanc.Client.PostAsync("tools/lookup", new StringContent(response.AffectedSopInstanceUid!), Ct);
            var id = (await lookup.Content.ReadFromJsonAsync<JsonArray>(Ct))!.Single()!["ID"]!.GetValue<string>();
            var path = downloads.Combine(name);
            await File.WriteAllBytesAsync(path, await peer.Orthanc.Client.GetByteArrayAsync($"instances/{id}/file", Ct), Ct);
            pairs.Add((PydicomCorpus.File(name), path));
        }

        Assert.All(await DataSetComparison.CompareAsync(pairs, Ct), verdict => Assert.Equal("same", verdict));
    }

    [Fact]
    public async Task Study_root_find_returns_every_stored_study()
    {
        await StoreCorpusAsync();
        var expected = Files.Select(f => StudyUid(PydicomCorpus.File(f))).Distinct().Order(StringComparer.Ordinal);
        var query = new DicomDataset().Add(DicomTag.QueryRetrieveLevel, "STUDY").Add(DicomTag.StudyInstanceUID, "");
        query.Add(DicomTag.PatientID, "");
        await using var association = await DicomClient.ConnectAsync(OrthancOptions, QueryContexts(), Ct);

        var found = new List<string>();
        await foreach (var match in association.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, query, Ct))
        {
            found.Add(match.GetString(DicomTag.StudyInstanceUID).TrimEnd('\0', ' '));
        }

        await association.ReleaseAsync(Ct);
        Assert.Superset(expected.ToHashSet(), found.ToHashSet());
    }

    [Fact]
    public async Task Patient_root_find_at_patient_level_finds_a_patient_by_id()
    {
        await StoreCorpusAsync();
        var patientId = DicomFileHeader(PydicomCorpus.File("CT_small.dcm")).GetString(DicomTag.PatientID);
        var query = new DicomDataset().Add(DicomTag.QueryRetrieveLevel, "PATIENT").Add(DicomTag.PatientID, patientId);
        await using var association = await DicomClient.ConnectAsync(OrthancOptions, QueryContexts(), Ct);

        var found = new List<DicomDataset>();
        await foreach (var match in association.FindAsync(DicomUids.PatientRootQueryRetrieveInformationModelFind, query, Ct))
        {
            found.Add(match);
        }

        await association.ReleaseAsync(Ct);
        Assert.Equal(patientId, Assert.Single(found).GetString(DicomTag.PatientID).TrimEnd('\0', ' '));
    }

    [Fact]
    public async Task Move_sends_a_study_from_orthanc_to_our_scp()
    {
        await StoreCorpusAsync();
        var source = PydicomCorpus.File("MR_small.dcm");
        var header = DicomFileHeader(source);
        var query = new DicomDataset().Add(DicomTag.QueryRetrieveLevel, "STUDY")
            .Add(DicomTag.StudyInstanceUID, header.GetString(DicomTag.StudyInstanceUID));
        await using var association = await DicomClient.ConnectAsync(OrthancOptions, QueryContexts(), Ct);

        var final = await association.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, query, ScpUnderTest.AeTitle, Ct);
        await association.ReleaseAsync(Ct);

        Assert.Equal(DicomStatus.Success, final.Status);
        var sop = header.GetString(DicomTag.SOPInstanceUID).TrimEnd('\0');
        var stored = Assert.Single(peer.Scp.StoredFiles(), f => Path.GetFileNameWithoutExtension(f) == sop);
        await DataSetComparison.AssertSameDataSetAsync(source, stored, Ct);
    }

    [Fact]
    public async Task Move_to_an_unknown_destination_fails_with_a_status_not_a_dropped_association()
    {
        var query = new DicomDataset().Add(DicomTag.QueryRetrieveLevel, "STUDY").Add(DicomTag.StudyInstanceUID, "1.2.3");
        await using var association = await DicomClient.ConnectAsync(OrthancOptions, QueryContexts(), Ct);

        var final = await association.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, query, "NOBODY", Ct);

        Assert.NotEqual(DicomStatus.Success, final.Status);
        Assert.Equal(DicomStatus.Success, await association.EchoAsync(Ct));
        await association.ReleaseAsync(Ct);
    }

    private static IReadOnlyList<Airadcr.Dicom.Network.Pdus.PresentationContextProposal> QueryContexts() => new PresentationContexts.Builder()
        .Add(DicomUids.Verification, PresentationContexts.Uncompressed)
        .Add(DicomUids.StudyRootQueryRetrieveInformationModelFind, PresentationContexts.Uncompressed)
        .Add(DicomUids.PatientRootQueryRetrieveInformationModelFind, PresentationContexts.Uncompressed)
        .Add(DicomUids.StudyRootQueryRetrieveInformationModelMove, PresentationContexts.Uncompressed)
        .Build();

    private static DicomDataset DicomFileHeader(string path)
    {
        using var file = IO.DicomFile.Open(path, new IO.DicomReadOptions { StopBeforePixelData = true });
        return new DicomDataset(file.Dataset.OfType<DicomElement>().Select(e => new DicomElement(e.Tag, e.VR, e.Data.ToArray(), e.IsBigEndian)));
    }

    private static string StudyUid(string path) => DicomFileHeader(path).GetString(DicomTag.StudyInstanceUID).TrimEnd('\0');
}
