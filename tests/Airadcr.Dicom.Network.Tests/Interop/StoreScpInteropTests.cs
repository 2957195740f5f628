using Airadcr.Dicom.IO;
using Airadcr.Dicom.Network.Storage;
using Airadcr.Testing;

namespace Airadcr.Dicom.Network.Tests.Interop;

/// <summary>dcmtk storescu (an independent implementation) -> our C-STORE SCP.</summary>
public sealed class StoreScpInteropTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The corpus files that are Part 10 storage objects (the SCP's business); the rest are not sent.</summary>
    public static IReadOnlyList<CorpusFile> StorageCorpus() =>
    [
        .. Directory.GetFiles(PydicomCorpus.Directory, "*.dcm").Order(StringComparer.Ordinal)
            .Select(StorageFile).OfType<CorpusFile>(),
    ];

    public sealed record CorpusFile(string Path, string SopInstanceUid, string StorescuProposal);

    /// <summary>storescu proposes one compressed syntax family per run: the option that proposes the file's own.</summary>
    private static readonly Dictionary<string, string> StorescuProposals = new()
    {
        [DicomUids.ExplicitVRLittleEndian] = "-x=",
        [DicomUids.ImplicitVRLittleEndian] = "-x=",
        [DicomUids.ExplicitVRBigEndian] = "-x=",
        [DicomUids.DeflatedExplicitVRLittleEndian] = "-xd",
        ["1.2.840.10008.1.2.4.50"] = "-xy",
        ["1.2.840.10008.1.2.4.51"] = "-xx",
        ["1.2.840.10008.1.2.4.70"] = "-xs",
        ["1.2.840.10008.1.2.4.80"] = "-xt",
        ["1.2.840.10008.1.2.4.81"] = "-xu",
        ["1.2.840.10008.1.2.4.90"] = "-xv",
        ["1.2.840.10008.1.2.4.91"] = "-xw",
        ["1.2.840.10008.1.2.5"] = "-xr",
    };

    private static CorpusFile? StorageFile(string path)
    {
        try
        {
            using var file = DicomFile.Open(path, new DicomReadOptions { StopBeforePixelData = true, AllowMissingPreamble = false });
            var sopClass = file.Meta.GetStringOrDefault(DicomTag.MediaStorageSOPClassUID);
            // storescu names the instance by the data set's UID (a few corpus files' meta disagree with it).
            var instance = file.Dataset.GetStringOrDefault(DicomTag.SOPInstanceUID);
            return file.HadPreamble && sopClass is not null && instance is not null && StorageSopClasses.Contains(sopClass)
                && file.Meta.Contains(DicomTag.TransferSyntaxUID) && StorescuProposals.TryGetValue(file.TransferSyntax.Uid, out var option)
                ? new CorpusFile(path, instance, option)
                : null;
        }
        catch (DicomFormatException)
        {
            return null;
        }
    }

    [Fact]
    public async Task Storescu_single_file_is_stored_with_an_identical_data_set()
    {
        await using var scp = ScpUnderTest.Start();
        var source = PydicomCorpus.File("CT_small.dcm");

        (await DcmtkTools.StoreAsync(ScpUnderTest.AeTitle, scp.Port, [source], Ct)).EnsureSuccess();

        var stored = Assert.Single(scp.StoredFiles());
        await DataSetComparison.AssertSameDataSetAsync(source, stored, Ct);
        Assert.Empty(scp.PartialFiles());
    }

    private static readonly string[] UnreadableByStorescu =
        ["Bad DICOM file: ", "No SOP Class or Instance UID in file: ", "missing SOP class (or instance) in file: "];

    [Fact]
    public async Task Storescu_whole_corpus_over_four_parallel_associations_is_stored_identically()
    {
        await using var scp = ScpUnderTest.StartPassThrough();
        var corpus = StorageCorpus();
        Assert.True(corpus.Count > 40, $"only {corpus.Count} storage files found in {PydicomCorpus.Directory}");

        // The uncompressed files over four parallel associations; each compressed family on its own, alongside.
        var batches = corpus.Select((file, i) => (file, batch: file.StorescuProposal == "-x=" ? $"-x=/{i % 4}" : file.StorescuProposal))
            .GroupBy(x => x.batch, x => x.file);
        var runs = batches.Select(batch => DcmtkTools.StoreAsync(ScpUnderTest.AeTitle, scp.Port, batch.Select(f => f.Path), Ct,
            options: [batch.First().StorescuProposal, "-R", "-nh"]));
        var log = string.Join("\n", (await Task.WhenAll(runs)).Select(r => r.StandardError));

        // Files dcmtk itself cannot read (truncated, no SOP instance in the data set...) never reach the wire.
        var unreadable = corpus.Where(f => UnreadableByStorescu.Any(marker => log.Contains($"{marker}{f.Path}", StringComparison.Ordinal))).ToList();
        Assert.True(unreadable.Count <= 8, $"storescu could not read {unreadable.Count} files:\n{log}");
        Assert.DoesNotContain("Store Failed", log, StringComparison.Ordinal);
        corpus = [.. corpus.Except(unreadable)];
        var stored = scp.StoredFiles().ToDictionary(f => Path.GetFileNameWithoutExtension(f));
        var missing = corpus.Where(f => !stored.ContainsKey(f.SopInstanceUid)).Select(f => Path.GetFileName(f.Path)).ToList();
        Assert.True(missing.Count == 0, $"not stored: {string.Join(", ", missing)}\n{log}");
        Assert.Equal(corpus.Select(f => f.SopInstanceUid).Distinct().Count(), stored.Count);
        // Several corpus files share a SOP instance UID (one image in several syntaxes): the first copy is kept, and
        // it must equal one of them.
        var verdicts = await DataSetComparison.CompareAsync([.. corpus.Select(f => (f.Path, stored[f.SopInstanceUid]))], Ct);
        var matched = corpus.Zip(verdicts).Where(p => p.Second == "same").Select(p => p.First.SopInstanceUid).ToHashSet();
        var unmatched = corpus.Zip(verdicts).Where(p => !matched.Contains(p.First.SopInstanceUid))
            .Select(p => $"{Path.GetFileName(p.First.Path)}: {p.Second}");
        Assert.Empty(unmatched);
        Assert.Empty(scp.PartialFiles());
    }
}
