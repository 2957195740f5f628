using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests;

/// <summary>Every file of pydicom's corpus is read, or rejected with a precise message when broken on purpose.</summary>
public sealed class CorpusReadTests
{
    /// <summary>The deliberately invalid files and the start of the message that rejects them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Invalid = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Pixel data cut short (dcmtk rejects it too).
        ["test_files/MR_truncated.dcm"] = "(7FE0,0010) length 8192 exceeds the 8130 bytes remaining (at byte offset 1488)",
        // An RT plan cut in the middle of a sequence (dcmtk rejects it too).
        ["test_files/rtplan_truncated.dcm"] = "(300A,00B0) length 976 exceeds the 711 bytes remaining (at byte offset 1410)",
        // CT_small without meta but also with one stray leading byte: no encoding decodes it (dcmtk rejects it too).
        ["test_files/no_meta.dcm"] = "(0820,0500) length 173228800 exceeds the 38863 bytes remaining (at byte offset 0)",
    };

    [Theory]
    [MemberData(nameof(Corpus.FileData), MemberType = typeof(Corpus))]
    public void File_is_read_or_rejected_with_a_precise_message(string relative)
    {
        var path = Corpus.PathOf(relative);
        if (Invalid.TryGetValue(relative, out var message))
        {
            var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(path));
            Assert.Equal(message, ex.Message);
            return;
        }

        using var file = DicomFile.Open(path);
        Assert.True(file.Dataset.Count > 0, "dataset is empty");
    }

    [Fact]
    public void Every_listed_invalid_file_exists_in_the_corpus()
    {
        Assert.All(Invalid.Keys, k => Assert.Contains(k, Corpus.Files));
    }
}
