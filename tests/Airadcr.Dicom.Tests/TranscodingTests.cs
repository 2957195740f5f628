using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests;

/// <summary>Every readable corpus file round-trips through every uncompressed transfer syntax and deflate.</summary>
public sealed class TranscodingTests
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var file in Corpus.Files.Where(f => !CorpusReadTests.Invalid.ContainsKey(f)))
            {
                foreach (var ts in DicomTransferSyntax.Uncompressed)
                {
                    data.Add(file, ts.Uid);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Dataset_round_trips_through_the_transfer_syntax(string relative, string syntaxUid)
    {
        var syntax = DicomTransferSyntax.Lookup(syntaxUid);
        using var original = DicomFile.Open(Corpus.PathOf(relative));
        if (original.Dataset.Any(i => i is DicomFragmentSequence))
        {
            // Compressed pixel data cannot be carried by an uncompressed syntax: the writer says so.
            var ex = Assert.Throws<InvalidOperationException>(() => DicomFileWriter.ToArray(original, syntax));
            Assert.Contains("decompress it first", ex.Message, StringComparison.Ordinal);
            return;
        }

        var bytes = DicomFileWriter.ToArray(original, syntax);
        using var back = DicomFile.Read(bytes);
        Assert.Equal(syntax.Uid, back.TransferSyntax.Uid);
        Assert.Null(DicomDatasetComparer.FirstDifference(original.Dataset, back.Dataset));

        // And back to the original syntax, again equal.
        using var again = DicomFile.Read(DicomFileWriter.ToArray(back, original.TransferSyntax));
        Assert.Null(DicomDatasetComparer.FirstDifference(original.Dataset, again.Dataset));
    }
}
